"""Helper nested subpackage; uses a parent-relative import."""
from .. import LOADED as PARENT_LOADED
from ._deep import deep_value
