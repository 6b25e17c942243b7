"""The limit of free text (notes, descriptions, minutes): a form, a serializer and a model's
full_clean refuse more with a message naming the field, instead of storing whatever length a
hand-made request sends."""

from django.core.validators import MaxLengthValidator
from django.db import models

# A page of minutes or a description runs to a few thousand characters; 10,000 leaves room.
TEXT_MAX_LENGTH = 10_000


def long_text(*args, max_length: int = TEXT_MAX_LENGTH, **kwargs) -> models.TextField:
    """A TextField with a length limit: forms and serializers made from the model get
    ``max_length``; the validator holds for services that call ``full_clean``."""
    validators = [*kwargs.pop("validators", []), MaxLengthValidator(max_length)]
    return models.TextField(*args, max_length=max_length, validators=validators, **kwargs)
