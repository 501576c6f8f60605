from flask import Blueprint, render_template

bp = Blueprint("posts", __name__, url_prefix="/posts")


@bp.route("/")
def index():
    return render_template("posts/index.html", posts=[])
