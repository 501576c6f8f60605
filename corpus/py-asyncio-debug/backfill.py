"""Backfill thumbnails for every photo in the database."""
import asyncio

import aiohttp

PHOTO_API = "http://localhost:5000/api/photos"


async def fetch(session, url):
    async with session.get(url) as resp:
        return await resp.json()


async def main():
    async with aiohttp.ClientSession() as session:
        photos = await fetch(session, PHOTO_API)
        print(f"{len(photos)} photos to process")


if __name__ == "__main__":
    asyncio.run(main(), debug=True)  # ok: FL102
