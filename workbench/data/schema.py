"""The data model of the sample company: tables, columns, types and references.

The schema is the single source of truth for the generator, the loaders,
validation and the practice CRM.  Column kinds are:

``id``        text key or reference (``"C00012"``)
``str``       free text
``category``  text from a small set (stored as a pandas category)
``int`` / ``float`` / ``bool``
``date``      calendar day, written ``YYYY-MM-DD``
``datetime``  moment, written ``YYYY-MM-DD HH:MM:SS``

>>> SCHEMA["contacts"].key
'contact_id'
>>> SCHEMA["opportunities"].column("account_id").ref
'accounts.account_id'
>>> [t.name for t in TABLES][:3]
['users', 'accounts', 'contacts']
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("id", "str", "category", "int", "float", "bool", "date", "datetime")


@dataclass(frozen=True)
class Column:
    """One column: its name, kind, whether a value is required and what it refers to."""

    name: str
    kind: str = "str"
    required: bool = False
    ref: str | None = None  # "table.column" this column points at
    choices: tuple[str, ...] | None = None  # allowed values for a category
    description: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r} for {self.name!r}")


@dataclass(frozen=True)
class Table:
    """One table of the data model; ``key`` is its primary key column, if any."""

    name: str
    columns: tuple[Column, ...]
    key: str | None = None
    description: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def file(self) -> str:
        """The CSV file name this table is stored in."""
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _c(name, kind="str", required=False, ref=None, choices=None, description=""):
    return Column(name, kind, required, ref, tuple(choices) if choices else None, description)


LIFECYCLE_STAGES = ("subscriber", "lead", "marketing_qualified", "sales_qualified",
                    "opportunity", "customer", "evangelist", "other")
CHANNELS = ("email", "sms", "phone")
ACTIVITY_TYPES = ("call", "email", "meeting", "task", "note")

TABLES: tuple[Table, ...] = (
    Table("users", key="user_id", description="the company's own staff: reps, managers, service agents",
          columns=(
              _c("user_id", "id", True), _c("name", "str", True), _c("team", "category", True),
              _c("manager_id", "id", ref="users.user_id"), _c("region", "category", True),
          )),
    Table("accounts", key="account_id", description="customer and prospect companies",
          columns=(
              _c("account_id", "id", True), _c("name", "str", True), _c("industry", "category", True),
              _c("country", "category", True), _c("employees", "int"), _c("annual_revenue", "float"),
              _c("parent_account_id", "id", ref="accounts.account_id"),
              _c("owner_id", "id", True, ref="users.user_id"), _c("created_at", "date", True),
          )),
    Table("contacts", key="contact_id", description="people at accounts, with their communication preferences",
          columns=(
              _c("contact_id", "id", True), _c("account_id", "id", ref="accounts.account_id"),
              _c("first_name", "str", True), _c("last_name", "str", True), _c("email", "str"),
              _c("phone", "str"), _c("title", "str"),
              _c("lifecycle_stage", "category", True, choices=LIFECYCLE_STAGES),
              _c("preferred_channel", "category", choices=CHANNELS),
              _c("max_msgs_per_week", "int"), _c("city", "str"), _c("country", "category"),
              _c("source", "category"), _c("linkedin_url", "str"), _c("created_at", "date", True),
              _c("referred_by", "id", ref="contacts.contact_id",
                 description="the contact who referred this person to Acme, if anyone"),
          )),
    Table("consents", description="the consent log: one row per opt-in or revocation, newest wins",
          columns=(
              _c("contact_id", "id", True, ref="contacts.contact_id"),
              _c("channel", "category", True, choices=CHANNELS),
              _c("status", "category", True, choices=("granted", "revoked")),
              _c("at", "datetime", True), _c("source", "category"), _c("wording_version", "str"),
          )),
    Table("leads", key="lead_id", description="people who showed interest and are not yet qualified",
          columns=(
              _c("lead_id", "id", True), _c("company", "str", True), _c("name", "str", True),
              _c("email", "str"), _c("lead_source", "category"),
              _c("status", "category", True, choices=("new", "working", "nurturing", "qualified",
                                                      "unqualified", "converted")),
              _c("fit_score", "int"), _c("engagement_score", "int"),
              _c("owner_id", "id", True, ref="users.user_id"), _c("created_at", "date", True),
              _c("converted_at", "date"), _c("converted_contact_id", "id", ref="contacts.contact_id"),
              _c("converted_opportunity_id", "id", ref="opportunities.opportunity_id"),
              _c("referred_by", "id", ref="contacts.contact_id",
                 description="the contact who referred this lead to Acme, if anyone"),
          )),
    Table("stages", key="stage", description="the sales stages and their default win probability",
          columns=(
              _c("stage", "id", True), _c("sort_order", "int", True),
              _c("default_probability", "int", True), _c("is_closed", "bool", True),
              _c("is_won", "bool", True),
          )),
    Table("products", key="product_id", description="what Acme sells",
          columns=(
              _c("product_id", "id", True), _c("name", "str", True), _c("series", "category", True),
              _c("list_price", "float", True),
          )),
    Table("opportunities", key="opportunity_id", description="deals in the pipeline, open and closed",
          columns=(
              _c("opportunity_id", "id", True), _c("name", "str", True),
              _c("account_id", "id", True, ref="accounts.account_id"),
              _c("primary_contact_id", "id", ref="contacts.contact_id"),
              _c("owner_id", "id", True, ref="users.user_id"),
              _c("product_id", "id", ref="products.product_id"),
              _c("stage", "id", True, ref="stages.stage"), _c("probability", "int", True),
              _c("amount", "float", True), _c("created_at", "date", True), _c("close_date", "date", True),
              _c("is_closed", "bool", True), _c("is_won", "bool", True), _c("lead_source", "category"),
              _c("next_step", "str"),
          )),
    Table("activities", key="activity_id", description="calls, emails, meetings, tasks and notes",
          columns=(
              _c("activity_id", "id", True), _c("type", "category", True, choices=ACTIVITY_TYPES),
              _c("subject", "str", True),
              _c("status", "category", True, choices=("planned", "completed", "cancelled")),
              _c("due_at", "datetime"), _c("reminder_at", "datetime"), _c("completed_at", "datetime"),
              _c("owner_id", "id", True, ref="users.user_id"),
              _c("contact_id", "id", ref="contacts.contact_id"),
              _c("account_id", "id", ref="accounts.account_id"),
              _c("opportunity_id", "id", ref="opportunities.opportunity_id"),
              _c("direction", "category", choices=("inbound", "outbound")), _c("outcome", "str"),
          )),
    Table("templates", key="template_id", description="reusable email and SMS texts with {placeholders}",
          columns=(
              _c("template_id", "id", True), _c("channel", "category", True, choices=("email", "sms")),
              _c("subject", "str"), _c("body", "str", True),
          )),
    Table("campaigns", key="campaign_id", description="marketing campaigns",
          columns=(
              _c("campaign_id", "id", True), _c("name", "str", True),
              _c("channel", "category", True, choices=("email", "sms")),
              _c("template_id", "id", ref="templates.template_id"), _c("start", "date", True),
              _c("end", "date"), _c("budget", "float"),
          )),
    Table("campaign_members", description="who each campaign message went to, and what they did",
          columns=(
              _c("campaign_id", "id", True, ref="campaigns.campaign_id"),
              _c("contact_id", "id", True, ref="contacts.contact_id"),
              _c("variant", "category"), _c("status", "category", True),
              _c("sent_at", "datetime", True), _c("opened", "bool"), _c("responded", "bool"),
          )),
    Table("orders", key="order_id", description="purchases, for purchase history and RFM",
          columns=(
              _c("order_id", "id", True), _c("contact_id", "id", True, ref="contacts.contact_id"),
              _c("order_date", "date", True), _c("ship_date", "date"),
              _c("channel", "category", choices=("web", "sales_rep", "partner")),
              _c("total", "float", True),
          )),
    Table("order_lines", key="line_id", description="the products in each order",
          columns=(
              _c("line_id", "id", True), _c("order_id", "id", True, ref="orders.order_id"),
              _c("product_id", "id", True, ref="products.product_id"), _c("qty", "int", True),
              _c("unit_price", "float", True),
          )),
    Table("cases", key="case_id", description="after-sales service requests",
          columns=(
              _c("case_id", "id", True), _c("contact_id", "id", True, ref="contacts.contact_id"),
              _c("opened_at", "datetime", True), _c("closed_at", "datetime"),
              _c("category", "category", True),
              _c("status", "category", True, choices=("open", "pending", "closed")),
          )),
)

SCHEMA: dict[str, Table] = {t.name: t for t in TABLES}
