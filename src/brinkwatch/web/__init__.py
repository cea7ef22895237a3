"""The web page and JSON API (`brinkwatch serve`): ``create_app(store_path, provider=...)``, ``serve(...)``."""

from .app import InternalServerError, PageNotFound, create_app, serve
from .providers import FrameProvider, FramesProvider, StoreProvider

__all__ = ["create_app", "serve", "FrameProvider", "FramesProvider", "StoreProvider", "PageNotFound",
           "InternalServerError"]
