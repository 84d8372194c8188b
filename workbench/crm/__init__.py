"""CRM analytics the lessons teach: consent, privacy, stages, activities, data quality, duplicates,
segments (RFM), templates, contact pressure, A/B tests, pipeline and forecasting, reports, costs.

Functions take and return pandas DataFrames.  Names are imported lazily, so
``import workbench.crm`` costs nothing until a function is used:

>>> from workbench import crm
>>> crm.find_duplicates.__module__
'workbench.crm.dedupe'
"""

from __future__ import annotations

from ..lazy import attributes

_MODULES = {
    "consent": ["current_consent", "may_contact", "mailing_list", "contacted_without_consent",
                "consent_summary"],
    "privacy": ["pseudonymise", "coarsen_dates", "anonymise_extract", "what_not_to_store",
                "sensitive_columns"],
    "stages": ["LIFECYCLE_STAGES", "lifecycle_funnel", "vendor_stage_tables", "compare_vendor_probabilities",
               "check_stage_table", "probability_mismatches", "lead_conversion"],
    "activities": ["activity_log", "todo_list", "reminders_due", "overdue_followups",
                   "deals_without_next_step", "weekly_plan"],
    "quality": ["blank_mask", "completeness", "activity_coverage", "normalise_name", "normalise_email",
                "normalise_phone", "phone_key", "invalid_emails", "clean_contacts"],
    "dedupe": ["find_duplicates", "duplicate_pairs", "match_weights", "cluster_pairs", "column_kind"],
    "search": ["ContactIndex", "search_contacts"],
    "segments": ["rfm", "scores", "segment_of", "segment_summary", "segment_members", "segment_chart"],
    "templates": ["placeholders", "missing_fields", "render", "sms_length", "mail_merge", "merge_report",
                  "merge_fields"],
    "pressure": ["messages", "weekly_counts", "caps", "contact_pressure", "over_solicited",
                 "apply_frequency_cap", "pressure_chart"],
    "experiments": ["ab_test", "ab_test_members", "variant_table", "sample_size", "verdict"],
    "pipeline": ["stage_probabilities", "deal_probabilities", "weighted_pipeline", "sales_velocity",
                 "velocity_inputs", "win_rate", "slipped_deals", "forecast", "board", "move_deal"],
    "reports": ["kpis", "dashboard", "export", "owner_names"],
    "costs": ["price_table", "monthly_cost", "tco", "break_even_users", "tco_chart"],
    "models": ["customer_view", "account_tree", "plot_account_tree", "relationship_graph", "reach_by_user"],
}
# columns.py holds shared column readers used by the modules above; it is not public API.

_LAZY = {name: module for module, names in _MODULES.items() for name in names}

__all__ = sorted(_LAZY)


__getattr__, __dir__ = attributes(__name__, {name: f".{module}" for name, module in _LAZY.items()}, globals())
