"""What several members API modules share: a POST route per workflow step (a development
move, a transfer step), and the masked ID number and phone of a person."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from accounts.privacy import mask_id_number, mask_phone


def step_action(name: str, *, perform: str, label, request_serializer, response_serializer):
    """A detail action POSTed at ``<pk>/<name>/`` that calls ``self.<perform>(request, name)``;
    its docstring (the schema's summary) is ``label``, its input ``request_serializer``."""

    def handler(self, request, pk=None):
        return getattr(self, perform)(request, name)

    handler.__name__ = name.replace("-", "_")
    handler.__doc__ = str(label)
    routed = action(
        detail=True,
        methods=["post"],
        url_path=name,
        url_name=name,
        serializer_class=request_serializer,
    )(handler)
    return extend_schema(request=request_serializer, responses=response_serializer)(routed)


class MaskedPersonMixin:
    """For a serializer declaring ``id_number`` and ``phone`` as SerializerMethodFields:
    the row's values, masked."""

    def get_id_number(self, obj) -> str:
        return mask_id_number(obj.id_number)

    def get_phone(self, obj) -> str:
        return mask_phone(obj.phone)
