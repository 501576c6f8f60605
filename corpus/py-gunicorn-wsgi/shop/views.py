from flask import Blueprint, jsonify

bp = Blueprint("shop", __name__)


@bp.route("/products")
def products():
    return jsonify([{"sku": "A-100", "price": 9.5}])
