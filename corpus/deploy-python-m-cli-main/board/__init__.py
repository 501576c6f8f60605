"""A small job-queue dashboard."""
