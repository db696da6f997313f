"""Field limits come from the models, written once there: the API schemas (so the OpenAPI document shows
`maxLength`), the forms and the services' own checks read them here instead of restating a number."""

from django.db import models
from pydantic import Field
from pydantic_core import PydanticUndefined

# PostgreSQL's integer (and so every PositiveIntegerField): a larger number is refused by the schema.
MAX_INT = 2_147_483_647


def max_len(model: type[models.Model], name: str) -> int:
    """The `max_length` of the model's field `name` (an EmailField's 254 included)."""
    return model._meta.get_field(name).max_length


def limited(model: type[models.Model], name: str, default=PydanticUndefined, **kwargs):
    """A schema field of text no longer than the model's field `name`: `limited(Registration, "name",
    min_length=1)` is `Field(min_length=1, max_length=100)`, the 100 read from the model."""
    return Field(default, max_length=max_len(model, name), **kwargs)
