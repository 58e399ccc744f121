"""Reads for the compliance pages and the certification packet: a home's checklist by domain, with its standing."""

from dataclasses import dataclass, field

from residences.compliance.models import ComplianceDomain, ComplianceStatus
from residences.models import ComplianceItem, Residence


def checklist_items(residence: Residence):
    """The requirements that apply to the home at its level, in template order (one query)."""
    return (
        ComplianceItem.objects.filter(residence=residence, min_level__lte=residence.level)
        .select_related("updated_by")
        .order_by("code")
    )


@dataclass
class DomainSection:
    domain: str
    label: str
    items: list = field(default_factory=list)

    @property
    def met_count(self) -> int:
        return sum(item.status in (ComplianceStatus.MET, ComplianceStatus.NOT_APPLICABLE) for item in self.items)


@dataclass
class Checklist:
    sections: list[DomainSection]

    @property
    def items(self) -> list[ComplianceItem]:
        return [item for section in self.sections for item in section.items]

    @property
    def counts(self) -> dict[str, int]:
        counts = {status: 0 for status in ComplianceStatus.values}
        for item in self.items:
            counts[item.status] += 1
        return counts

    @property
    def is_empty(self) -> bool:
        return not self.items

    @property
    def done_count(self) -> int:
        return sum(section.met_count for section in self.sections)


def checklist(residence: Residence) -> Checklist:
    """The home's checklist grouped by NARR-style domain, in the domains' order."""
    sections = {domain: DomainSection(domain=domain, label=label) for domain, label in ComplianceDomain.choices}
    for item in checklist_items(residence):
        sections[item.domain].items.append(item)
    return Checklist(sections=list(sections.values()))
