"""Local development and `make run`: debug on, a throwaway secret if none is set."""

from .base import *  # noqa: F403
from .base import SECRET_KEY as _SECRET_KEY
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
# `make run` serves the demo with DEBUG off (DEBUG=1 make run for Django's debug pages); WhiteNoise then serves
# the apps' static files straight from their folders, so no collectstatic step is needed.
WHITENOISE_USE_FINDERS = True
