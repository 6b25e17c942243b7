"""What the co-building endpoints share: inputs whose choices are the rows the user sees,
validating an input, and a viewset that writes one kind of row through its two services."""

from collections.abc import Callable

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from organizations.filters import IdFilter


def request_user(context):
    """The user of the request (none while the schema is generated)."""
    request = context.get("request")
    return getattr(request, "user", None)


# An input whose related fields offer only the rows the user sees: ``scopes`` maps a field
# (one row or many) to the selector ``(user) -> queryset`` of its choices. (A comment, not a
# docstring: the schema would show a docstring as the description of every input.)
class ScopedInput(serializers.Serializer):
    scopes: dict[str, Callable] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = request_user(self.context)
        if user is None:
            return
        for name, rows_for in self.scopes.items():
            field = self.fields[name]
            getattr(field, "child_relation", field).queryset = rows_for(user)


class ValidatesInput:
    """For a viewset: the validated data of an input serializer, or a 400 naming the field."""

    def _input(self, input_class, data) -> dict:
        serializer = input_class(data=data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


class Writable(
    ValidatesInput,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create (POST) and change (PATCH) one kind of row through its services:
    ``create_service(user=…, **input)`` and ``update_service(user=…, <target>=row,
    **change)``. The answer is the row read again through ``get_queryset``. A subclass's
    schema takes ``input_class`` for the POST and ``change_class`` for the PATCH."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    input_class: type[serializers.Serializer]
    change_class: type[serializers.Serializer]
    create_service: Callable
    update_service: Callable
    target: str  # the keyword under which update_service takes the row

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        extend_schema_view(
            create=extend_schema(request=cls.input_class, responses={201: cls.serializer_class}),
            partial_update=extend_schema(
                request=cls.change_class, responses={200: cls.serializer_class}
            ),
        )(cls)

    def _output(self, obj, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    def create(self, request, *args, **kwargs):
        obj = self.create_service(user=request.user, **self._input(self.input_class, request.data))
        return self._output(obj, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        obj = self.get_object()
        change = self._input(self.change_class, request.data)
        obj = self.update_service(user=request.user, **{self.target: obj}, **change)
        return self._output(obj)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


class CommunityFilter(django_filters.FilterSet):
    community = IdFilter(field_name="community_id", label=_("community"))
