from flask import Blueprint, render_template

bp = Blueprint("catalog", __name__)


@bp.route("/")
def index():
    return render_template("catalog/index.html")
