from flask import Blueprint

bp = Blueprint("views", __name__)


@bp.get("/appointments")
def appointments():
    return {"appointments": []}
