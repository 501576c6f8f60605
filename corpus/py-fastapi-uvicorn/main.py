import uvicorn
from fastapi import FastAPI

app = FastAPI(title="Items API")


@app.get("/items/{item_id}")
def read_item(item_id: int, q: str | None = None):
    return {"item_id": item_id, "q": q}


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=8000)  # ok: FL103
