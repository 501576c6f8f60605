from flask import Blueprint, redirect, render_template, url_for

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/login", methods=("GET", "POST"))
def login():
    return render_template("auth/login.html")


@bp.route("/logout")
def logout():
    return redirect(url_for("catalog.index"))
