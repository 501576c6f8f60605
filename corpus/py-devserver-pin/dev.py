import os

from werkzeug.serving import run_simple

from myblog import create_app


def main():
    # The PIN prompt gets in the way when the browser is on another machine.
    # expect-dev: FL105
    os.environ["WERKZEUG_DEBUG_PIN"] = "off"
    app = create_app()
    run_simple("localhost", 5000, app, use_reloader=True, use_debugger=True)  # expect-dev: FL102


if __name__ == "__main__":
    main()
