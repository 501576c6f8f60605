from flask import Flask

app = Flask("{{ cookiecutter.project_slug }}")

{% if cookiecutter.use_views == 'y' %}
from {{ cookiecutter.project_slug }} import views  # noqa
{% endif %}

if __name__ == "__main__":
    # expect: FL101
    app.run(host="0.0.0.0", debug=True)
