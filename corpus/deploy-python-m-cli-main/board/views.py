from flask import Blueprint, jsonify

blueprint = Blueprint("board", __name__)


@blueprint.get("/queues")
def queues():
    return jsonify([])
