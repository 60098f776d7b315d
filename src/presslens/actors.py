"""Compatibility name: the actors layer lives in :mod:`presslens.layers.actors`.

Kept while other layers' branches still import ``presslens.actors``; new code imports the package.
"""

from .layers.actors import *  # noqa: F403
from .layers.actors import __all__  # noqa: F401
