"""A fake metric for the tests: its values are set by the test, per organization, and it reads
the organizations with one query whatever their number, as a real metric must."""

from dataclasses import dataclass, field
from decimal import Decimal

from assessment.metrics import registry
from assessment.metrics.registry import Measure, Metric

FAKE_KEY = "tests.fake_share"
FAKE_LOWER_KEY = "tests.fake_arrears"


@dataclass
class FakeMetric:
    """``values``: organization id -> the value measured; organizations left out get no
    measure. ``calls`` counts the computations."""

    key: str = FAKE_KEY
    higher_is_better: bool = True
    values: dict = field(default_factory=dict)
    calls: int = 0

    def compute(self, organizations, period) -> dict[int, Measure]:
        self.calls += 1
        ids = list(organizations.values_list("pk", flat=True))
        return {
            pk: Measure(
                value=Decimal(str(self.values[pk])),
                numerator=Decimal(str(self.values[pk])) * 10,
                denominator=Decimal(10),
                records=f"/records/{pk}/",
            )
            for pk in ids
            if pk in self.values
        }

    def register(self) -> Metric:
        return registry.register(
            Metric(
                key=self.key,
                label=f"fake {self.key}",
                definition="A figure the test sets.",
                unit="share",
                compute=self.compute,
                higher_is_better=self.higher_is_better,
            )
        )

    def unregister(self) -> None:
        registry._metrics.pop(self.key, None)
