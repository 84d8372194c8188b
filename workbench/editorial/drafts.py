"""Sample drafts for the post review: three posts an editorial manager might receive on a Monday.

Two talk about the seller, one about the reader; lesson 4 reviews them with
:func:`~workbench.editorial.review.review_post` and asks which one is
"interesting, not interested".  The company they name is the sample
company, Acme.

>>> from workbench.editorial.review import review_post
>>> [review_post(d, company=SAMPLE_COMPANY)["focus"] for d in SAMPLE_DRAFTS]
['author-focused', 'author-focused', 'reader-focused']
"""

SAMPLE_COMPANY = "Acme"
SAMPLE_DRAFTS = [
    "We are proud to announce that our new sensors are now available. Our team worked hard on them.",
    "Acme launches its new occupancy dashboard today, with our best price ever.",
    "Do you know how many of your meeting rooms sit empty on Fridays? Here is a two-minute way to find out.",
]
