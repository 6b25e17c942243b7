"""factory-boy factories of grid: streets, communities, grid cells, buildings, workers."""

import factory

from grid.models import Building, Community, GridCell, GridWorkerAssignment, Street


def square(lon: float = 118.78, lat: float = 32.04, size: float = 0.002) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [
            [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        ],
    }


class StreetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Street

    code = factory.Sequence(lambda n: f"S{n:03d}")
    name = factory.Sequence(lambda n: f"第{n}街道")


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    street = factory.SubFactory(StreetFactory)
    code = factory.Sequence(lambda n: f"C{n:03d}")
    name = factory.Sequence(lambda n: f"第{n}社区")


class GridCellFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GridCell

    community = factory.SubFactory(CommunityFactory)
    code = factory.Sequence(lambda n: f"G{n:03d}")
    name = factory.Sequence(lambda n: f"第{n}网格")
    boundary = factory.LazyFunction(square)
    household_count = 400


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building

    grid_cell = factory.SubFactory(GridCellFactory)
    name = factory.Sequence(lambda n: f"{n}栋")


class GridWorkerAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GridWorkerAssignment

    grid_cell = factory.SubFactory(GridCellFactory)
    user = factory.SubFactory("accounts.tests.factories.UserFactory")
    started_on = factory.Faker("date_between", start_date="-2y", end_date="-1d")
