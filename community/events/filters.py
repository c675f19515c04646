"""The listing's filters: parsed from GET parameters, applied to a queryset, shown as chips."""

from dataclasses import asdict, dataclass, replace
from urllib.parse import urlencode

from .models import Format, Kind, Region

FILTER_NAMES = ("kind", "format", "group", "region")


@dataclass(frozen=True)
class EventFilters:
    kind: str = ""
    format: str = ""
    group: str = ""
    region: str = ""

    @classmethod
    def from_query(cls, params, *, group_slugs: set[str]) -> "EventFilters":
        """Unknown values are ignored rather than refused, so an old link still lists events."""

        def pick(name: str, allowed) -> str:
            value = params.get(name, "")
            return value if value in allowed else ""

        return cls(
            kind=pick("kind", Kind.values),
            format=pick("format", Format.values),
            group=pick("group", group_slugs),
            region=pick("region", Region.values),
        )

    def apply(self, events):
        if self.kind:
            events = events.filter(kind=self.kind)
        if self.format:
            events = events.filter(format=self.format)
        if self.group:
            events = events.filter(group__slug=self.group)
        if self.region:
            events = events.filter(region=self.region)
        return events

    @property
    def active(self) -> bool:
        return any(asdict(self).values())

    def query(self, **changes) -> str:
        values = asdict(replace(self, **changes))
        return urlencode({name: value for name, value in values.items() if value})

    @property
    def query_prefix(self) -> str:
        """For the pagination links: the filters followed by "&", or nothing."""
        query = self.query()
        return f"{query}&" if query else ""

    def chips(self, *, groups) -> list[dict]:
        """One list of chips per filter; each chip links to the listing with that value chosen
        and the other filters kept."""
        options = {
            "kind": ("Type of event", Kind.choices),
            "format": ("Format", Format.choices),
            "group": ("Support group", [(group.slug, group.name) for group in groups]),
            "region": ("Region", Region.choices),
        }
        sections = []
        for name in FILTER_NAMES:
            title, choices = options[name]
            current = getattr(self, name)
            chips = [{"label": "Any", "query": self.query(**{name: ""}), "active": not current}]
            chips += [
                {"label": label, "query": self.query(**{name: value}), "active": value == current}
                for value, label in choices
            ]
            sections.append({"name": name, "title": title, "chips": chips})
        return sections
