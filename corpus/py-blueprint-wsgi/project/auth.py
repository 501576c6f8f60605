from flask import Blueprint, flash, redirect, render_template, request, url_for

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        flash("Logged in")
        return redirect(url_for("blog.index"))
    return render_template("auth/login.html")
