"""The words of the sample company, per locale where they differ: countries, regions, cities, and the
industries, job titles, stages, products, message templates and activity subjects of its CRM.

>>> [COUNTRY[loc] for loc in LOCALES]
['France', 'Iran', 'Bangladesh', 'Saudi Arabia', 'United Kingdom']
>>> dict(STAGES)["Negotiation/Review"]
90
"""

from __future__ import annotations

import numpy as np

LOCALES = ("fr_FR", "fa_IR", "bn_BD", "ar_SA", "en_GB")
LOCALE_WEIGHTS = np.array([0.30, 0.13, 0.13, 0.14, 0.30])
COUNTRY = {"fr_FR": "France", "fa_IR": "Iran", "bn_BD": "Bangladesh", "ar_SA": "Saudi Arabia",
           "en_GB": "United Kingdom"}
REGION = {"fr_FR": "France", "fa_IR": "Middle East", "bn_BD": "South Asia", "ar_SA": "Middle East",
          "en_GB": "UK & Ireland"}
TLD = {"fr_FR": "fr", "fa_IR": "ir", "bn_BD": "com.bd", "ar_SA": "com.sa", "en_GB": "co.uk"}
# Faker's own city providers give made-up towns for these locales, so real cities are listed here;
# Bangladesh uses Faker's list, which is real.
CITIES = {
    "fr_FR": ("Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Bordeaux", "Nantes", "Strasbourg",
              "Rennes", "Montpellier", "Grenoble", "Nice"),
    "fa_IR": ("تهران", "اصفهان", "مشهد", "شیراز", "تبریز", "کرج", "قم", "اهواز", "رشت", "کرمان"),
    "ar_SA": ("الرياض", "جدة", "الدمام", "مكة المكرمة", "المدينة المنورة", "الخبر", "الطائف", "تبوك"),
    "en_GB": ("London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Bristol", "Edinburgh",
              "Liverpool", "Cardiff", "Newcastle upon Tyne", "Sheffield", "Belfast"),
}
INDUSTRIES = ("Manufacturing", "Retail", "Healthcare", "Education", "Logistics", "Finance",
              "Hospitality", "Public sector", "Technology", "Energy")
TITLES = ("Chief Executive Officer", "Operations Director", "Head of Facilities", "IT Manager",
          "Procurement Officer", "Office Manager", "Finance Director", "HR Manager",
          "Head of Customer Service", "Purchasing Assistant", "Project Manager", "Founder")
TITLE_WEIGHTS = np.array([4, 8, 8, 10, 9, 10, 6, 6, 6, 8, 10, 4], float)

STAGES = (  # Salesforce's default stages and probabilities (research/crm.md)
    ("Prospecting", 10), ("Qualification", 10), ("Needs Analysis", 20), ("Value Proposition", 50),
    ("Id. Decision Makers", 60), ("Perception Analysis", 70), ("Proposal/Price Quote", 75),
    ("Negotiation/Review", 90), ("Closed Won", 100), ("Closed Lost", 0),
)
PRODUCTS = (  # name, series, list price
    ("Acme Desk Hub", "Essentials", 249.0), ("Acme Desk Hub Pro", "Pro", 449.0),
    ("Acme Room Kit", "Pro", 1890.0), ("Acme Room Kit Max", "Enterprise", 4900.0),
    ("Acme Badge Reader", "Essentials", 129.0), ("Acme Sensor Pack (10)", "Essentials", 390.0),
    ("Acme Cloud seat licence (annual)", "Software", 96.0),
    ("Acme Analytics add-on (annual)", "Software", 2400.0),
    ("Installation day", "Services", 850.0), ("Training workshop (half day)", "Services", 1200.0),
    ("Extended warranty (3 years)", "Services", 190.0), ("Premium support plan (annual)", "Services", 3600.0),
)
TEMPLATES = (  # channel, subject, body (one line each: no newlines inside CSV fields)
    ("email", "Welcome to Acme, {first_name}",
     "Hello {first_name}, thank you for choosing Acme for {company}. Your account manager, {rep_name}, "
     "will call you this week to plan the installation. Reply to this email if you have any question."),
    ("email", "Your {product} renewal is due on {renewal_date}",
     "Dear {first_name}, the {product} subscription of {company} ends on {renewal_date}. Renew before that "
     "date to keep your support and updates. {rep_name} can prepare a quote on request."),
    ("email", "Invitation: Acme workplace day in {city}",
     "Hello {first_name}, we are hosting a half-day demonstration of our meeting-room and sensor range in "
     "{city}. Seats are limited: reply to book yours. Best regards, {rep_name}."),
    ("email", "{first_name}, how did we do?",
     "Hello {first_name}, your case {case_id} was closed last week. Could you rate our service in one "
     "click? Your answer helps the Acme service team improve."),
    ("email", "Votre devis {product}, {first_name}",
     "Bonjour {first_name}, vous trouverez ci-joint le devis pour {product} destiné à {company}. Je reste "
     "à votre disposition pour en parler. Bien cordialement, {rep_name}."),
    ("email", "Nouveautés Acme pour {company}",
     "Bonjour {first_name}, découvrez en deux minutes les nouveautés de notre gamme pour les salles de "
     "réunion. Pour ne plus recevoir nos messages, répondez STOP."),
    ("sms", "", "Acme: hello {first_name}, your order {order_id} has shipped. Questions? Call {rep_phone}."),
    ("sms", "", "Acme : bonjour {first_name}, rappel de votre rendez-vous le {date} avec {rep_name}. "
                "Répondez STOP pour ne plus recevoir de SMS."),
)
CAMPAIGN_THEMES = ("Spring workplace day", "Renewal reminder", "Meeting-room launch", "Customer survey",
                   "Analytics webinar", "Sensor pack offer", "Year-end offer", "Partner showcase",
                   "Hybrid office guide", "Service week", "Back to the office", "New badge reader")


SUBJECTS = {
    "call": ("Discovery call", "Follow-up call", "Pricing discussion", "Check-in call", "Renewal call",
             "Call about delivery"),
    "email": ("Sent the proposal", "Meeting recap", "Sent product brochure", "Answered pricing question",
              "Introduction email", "Follow-up email"),
    "meeting": ("Demo on site", "Kick-off meeting", "Quarterly review", "Negotiation meeting",
                "Workshop with the IT team"),
    "task": ("Prepare the quote", "Update the account plan", "Send the contract", "Book the installation",
             "Check the credit limit"),
    "note": ("Decision expected next month", "Budget confirmed", "New contact at the account",
             "Competitor also in the running", "Prefers calls in the morning"),
}
OUTCOMES = {"call": ("connected", "left voicemail", "no answer", "call back later"),
            "meeting": ("positive", "neutral", "needs follow-up")}


GROUP_MEETING_SUBJECTS = ("Workshop with the buying committee", "Site visit with the project team",
                          "Steering committee", "Demo for the department heads")
ROUND_TABLE_SUBJECTS = ("Customer round table", "User group meeting", "Breakfast briefing")
