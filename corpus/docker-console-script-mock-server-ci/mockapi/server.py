import argparse

from werkzeug.serving import run_simple
from werkzeug.wrappers import Request, Response


@Request.application
def application(request):
    return Response('{"ok": true}', mimetype="application/json")


def main(argv=None):
    parser = argparse.ArgumentParser(description="A mock of the billing API for integration tests")
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args(argv)
    run_simple(args.host, args.port, application, threaded=True)


if __name__ == "__main__":
    main()
