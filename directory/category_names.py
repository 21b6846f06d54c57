"""Plain names for the SAMHSA legend's categories, for the full list on a facility page.

The legend's own names are the survey's ("External Opioid Medications
Source"); a person choosing a program reads these instead. A category missing
here (a new one in a later legend) shows the legend's name.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PLAIN_CATEGORY_NAMES = {
    "TC": _("Type of care"),
    "SET": _("Where care happens: outpatient, residential, hospital"),
    "HOSP": _("Hospital"),
    "OM": _("Medications for opioid use"),
    "OMSC": _("Who prescribes opioid medications"),
    "AUT": _("Treatment for alcohol use"),
    "SMAT": _("Who prescribes alcohol medications"),
    "OT": _("Opioid treatment services"),
    "PHR": _("Medications used"),
    "TAP": _("Kinds of counseling and therapy"),
    "FOP": _("Who runs the program"),
    "LCA": _("Licenses and accreditation"),
    "PAY": _("Payment and insurance accepted"),
    "PYAS": _("Help with paying"),
    "SG": _("Groups for particular people"),
    "ASPT": _("Assessment before treatment"),
    "SCR": _("Testing"),
    "TRSRV": _("When treatment ends"),
    "RSS": _("Recovery support"),
    "OTHR": _("Other treatment"),
    "DETOX": _("Withdrawal (detox)"),
    "ECS": _("Education and counseling"),
    "MSRV": _("Vaccines"),
    "SMP": _("Smoking rules"),
    "AGE": _("Ages accepted"),
    "GN": _("Genders accepted"),
    "EXCL": _("Programs only for some clients"),
    "SL": _("Language services"),
    "OL": _("Other languages"),
    "FVP": _("Vaping rules"),
    "AS": _("Other help offered"),
}


def plain_category_name(code: str, legend_name: str) -> str:
    name = PLAIN_CATEGORY_NAMES.get(code)
    return str(name) if name is not None else legend_name
