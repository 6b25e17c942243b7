"""The OpenAPI schema's generator, shared by every app's API: the error answers every operation
may give are documented with their body. (Apart from config.api: drf-spectacular's views load
this class while they are imported.)"""

import copy

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

# DRF writes and reads times as "14:30" or "14:30:00", with no offset, where the OpenAPI
# "time" format means RFC 3339's full-time, which requires one
TIME = {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$", "example": "14:30:00"}

_DETAIL = inline_serializer(name="ErrorDetail", fields={"detail": serializers.CharField()})
ERROR_RESPONSES = {
    "400": OpenApiResponse(
        OpenApiTypes.OBJECT,
        description="Bad input: the messages by field name (non_field_errors for the whole "
        "input), or a detail.",
    ),
    "403": OpenApiResponse(_DETAIL, description="Not logged in, or not allowed to do this."),
    "404": OpenApiResponse(_DETAIL, description="No such object in the user's scope."),
}
BODY_ERROR_RESPONSES = {
    "415": OpenApiResponse(
        _DETAIL, description="A body in a content type the operation does not read."
    ),
}


def _blank_in_model(field) -> bool:
    """A read-only choice of a model's text field that may be blank: DRF drops allow_blank
    from read-only fields, yet the answer gives "" for a row without a choice."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or "." in (field.source or ""):
        return False
    try:
        model_field = model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return False
    return model_field.blank and isinstance(model_field, models.CharField | models.TextField)


def _null_on_the_way(field) -> bool:
    """A read-only field that DRF answers with null without saying so: its default is None,
    or its dotted source goes through a relation that may be empty."""
    if field.default is None:
        return True
    parts = (field.source or "").split(".")
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    for part in parts[:-1]:
        try:
            relation = model._meta.get_field(part) if model is not None else None
        except FieldDoesNotExist:
            return False
        if relation is None or not relation.is_relation:
            return False
        if relation.null or relation.one_to_one and relation.auto_created:
            return True
        model = relation.related_model
    return False


class AutoSchema(SpectacularAutoSchema):
    """Every operation may answer 400 (bad parameters or body), 403 and 404 (an object, a page
    or a choice outside the user's scope): the schema says so, with the error body. Times,
    blank choices and nulls are described as the answers give them."""

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        if (
            isinstance(field, serializers.ChoiceField)
            and field.read_only
            and not field.allow_blank
            and _blank_in_model(field)
        ):
            field = copy.copy(field)
            field.allow_blank = True
        if field.read_only and not field.allow_null and _null_on_the_way(field):
            field = copy.copy(field)
            field.allow_null = True
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.TimeField) and schema.get("format") == "time":
            del schema["format"]
            schema = {**schema, **TIME}
        return schema

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        errors = dict(ERROR_RESPONSES)
        if self.method in ("POST", "PUT", "PATCH"):
            errors.update(BODY_ERROR_RESPONSES)
        for code, response in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses
