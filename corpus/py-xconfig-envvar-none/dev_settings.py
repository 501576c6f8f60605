DEBUG = True  # ok: FL102 (nothing loads this file unless BLOG_SETTINGS names it)
