"""What every input of the API must be before a view sees it.

Every query and body schema derives from ``Input`` (``test_inputs.py`` walks the operations
to keep it so), and every text path parameter is a ``Text``:

- a body must be a JSON object: ninja's ``Schema`` would otherwise read the fields of any
  value as attributes, so the string ``"hello world"`` made a plan titled ``Hello World``
  (``str.title``) and a JSON ``null`` or number gave odd errors;
- text must not hold NUL characters, which PostgreSQL cannot store or compare (the forms
  refuse them with Django's ``ProhibitNullCharactersValidator`` and the same message);
- whole numbers must fit a 64-bit database integer (``bigint``, every id): a larger one made
  SQLite raise ``OverflowError`` in a filter. Narrower columns declare their own bounds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

# The range of a 64-bit signed integer: PostgreSQL's bigint and SQLite's INTEGER.
MIN_INTEGER = -(2**63)
MAX_INTEGER = 2**63 - 1


def _null_characters() -> PydanticCustomError:
    return PydanticCustomError("null_characters", _("Null characters are not allowed."))


def _out_of_range() -> PydanticCustomError:
    return PydanticCustomError(
        "integer_out_of_range",
        _("Enter a whole number from %(min)s to %(max)s.")
        % {"min": MIN_INTEGER, "max": MAX_INTEGER},
    )


def checked(value: Any) -> Any:
    """``value`` unchanged when every text and whole number in it may reach the database;
    else the validation error for the first that may not. Lists and objects are walked."""
    if isinstance(value, str):
        if "\x00" in value:
            raise _null_characters()
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int):
        if not MIN_INTEGER <= value <= MAX_INTEGER:
            raise _out_of_range()
    elif isinstance(value, Mapping):
        for key, item in value.items():
            checked(key)
            checked(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            checked(item)
    return value


# A text parameter outside a schema (a slug in the path).
Text = Annotated[str, AfterValidator(checked)]


class Input(Schema):
    """The base of every query and body schema of the API (see the module's docstring)."""

    @model_validator(mode="wrap")
    @classmethod
    def _an_object(cls, values: Any, handler, info: ValidationInfo):
        # Runs before ninja's own validator, which reads fields as attributes of any value.
        if not isinstance(values, Mapping | cls):
            raise PydanticCustomError("object_expected", _("This must be a JSON object."))
        return handler(values)

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        return checked(value)
