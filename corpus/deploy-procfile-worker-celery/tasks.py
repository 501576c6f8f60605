from celery import Celery

celery = Celery("tasks", broker="redis://localhost:6379/0")


@celery.task
def send_receipt(order_id):
    return order_id
