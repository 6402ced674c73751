"""Writes cases/*.json from the honest tailorings in tailored/ and the edits below.

Every case starts from one honest tailoring (a resume or cover letter written by hand from its
source, checked line by line). A clean case applies edits that keep every fact (other number
formats, verbs of the same strength, a confirmed fact). A fault case applies one edit that plants
one fault, recorded with the exact generated and source text it concerns. The cases are the
artefact; this script is how they were made, kept so a reviewer can see each distortion as a diff
and so a fixed base regenerates every case built on it. Pure stdlib:

    python3 evals/factcheck/build.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

# base name -> (persona, kind, posting file or None); the text is tailored/<base>.md or .txt
BASES = {
    "maya-r1": ("maya-lindqvist", "resume", "lumenfold-backend.txt"),
    "maya-letter": ("maya-lindqvist", "cover_letter", "lumenfold-backend.txt"),
    "tomas-r1": ("tomas-reyes", "resume", "brightwater-analytics.txt"),
    "tomas-letter": ("tomas-reyes", "cover_letter", "brightwater-analytics.txt"),
    "grace-r1": ("grace-obi", "resume", "stbrigid-icu.txt"),
    "grace-letter": ("grace-obi", "cover_letter", "stbrigid-icu.txt"),
    "daniel-r1": ("daniel-marsh", "resume", "cedarhollow-coach.txt"),
    "daniel-letter": ("daniel-marsh", "cover_letter", "cedarhollow-coach.txt"),
    "leilani-r1": ("leilani-kahale", "resume", "tallgrass-dc.txt"),
    "leilani-letter": ("leilani-kahale", "cover_letter", "tallgrass-dc.txt"),
    "omar-r1": ("omar-haddad", "resume", "quillstack-demandgen.txt"),
    "omar-letter": ("omar-haddad", "cover_letter", "quillstack-demandgen.txt"),
}

MAYA_CL = "Copperleaf Payments / Senior Software Engineer"
MAYA_BJ = "Bluejay Ticketing / Software Engineer"
MAYA_HP = "Hollis & Pratt Insurance / Junior Developer"
TOMAS_MV = "Mesa Verde Grocers / Analytics Engineer"
TOMAS_PM = "Pinecrest Mutual / Data Analyst"
TOMAS_LS = "Lone Star Survey Research / Research Assistant"
GRACE_CH = "Harbor Point Medical Center / Charge Nurse, Medical ICU"
GRACE_ST = "Harbor Point Medical Center / Staff Nurse, Medical ICU"
GRACE_CL = "Chesapeake Family Clinic / Registered Nurse"
DAN_RV = "Riverside Unified School District / Instructional Coach, Secondary Science"
DAN_FH = "Fremont Heights High School / Chemistry Teacher"
DAN_SV = "Sierra Vista Middle School / Science Teacher"
LEI_SB = "Sagebrush Fulfillment Co. / Operations Manager"
LEI_GB = "Great Basin Freight / Shift Supervisor"
LEI_TO = "Tahoe Outdoor Supply / Inventory Coordinator"
OMAR_SL = "Summitline Software / Senior Marketing Manager, Demand Generation"
OMAR_PK = "Parkline Media / Marketing Specialist"
OMAR_FR = "Front Range Realty Group / Marketing Coordinator"


def P(rule, generated_line, source_line, note, **extra):  # noqa: N802 - reads as a table
    return {"rule": rule, "generated_line": generated_line, "source_line": source_line,
            "note": note, **extra}


def move(bullet: str, after: str) -> list[tuple[str, str]]:
    """Edits that take `* bullet` out of its role and put it after `* after` in another."""
    return [(f"* {bullet}\n", ""), (f"* {after}\n", f"* {after}\n* {bullet}\n")]


AS_PERSON = "a claim about the person"
FAULTS = [
    # --- Maya Lindqvist, backend engineer (resume tailored to Lumenfold) ---
    dict(base="maya-r1", edits=[("* Kafka\n* Kubernetes", "* Kafka\n* gRPC\n* Kubernetes")],
         planted=[P("invented_skill", "* gRPC", None,
                    "gRPC is a nice-to-have of the posting; nothing in the source or chat "
                    "supports it")]),
    dict(base="maya-r1", edits=[(
        "### Role\n\n#### Basics\n\nCompany: Hollis & Pratt Insurance",
        "### Role\n\n#### Basics\n\nCompany: Northgate Credit Union\nTitle: Contract Developer\n"
        "Employment type: Contract\nLocation: Des Moines, IA\nStart date: 2015\nEnd date: 2016\n\n"
        "#### Responsibilities\n\n* Built loan-servicing reports in Java and SQL\n\n#### Skills\n\n"
        "* Java\n\n### Role\n\n#### Basics\n\nCompany: Hollis & Pratt Insurance")],
         planted=[P("invented_employer", "Company: Northgate Credit Union", None,
                    "a whole role at an employer the person never named")]),
    dict(base="maya-r1", edits=[("Title: Senior Software Engineer",
                                 "Title: Staff Software Engineer")],
         planted=[P("changed_title", "Title: Staff Software Engineer",
                    "Title: Senior Software Engineer", "Senior raised to Staff")]),
    dict(base="maya-r1", edits=[("Degree: Bachelor of Science", "Degree: Master of Science")],
         planted=[P("invented_degree", "Degree: Master of Science", "Degree: Bachelor of Science",
                    "the bachelor's degree became a master's")]),
    dict(base="maya-r1", edits=[(
        "Expires: 04/2025\n",
        "Expires: 04/2025\n\n## Certification\n\nName: Certified Kubernetes Administrator (CKA)\n"
        "Issuer: Cloud Native Computing Foundation\nIssued: 08/2023\n")],
         planted=[P("invented_certification",
                    "Name: Certified Kubernetes Administrator (CKA)", None,
                    "a certification block the source does not have")]),
    dict(base="maya-r1", edits=[("(50,000 events per second)", "(80k events per second)"),
                                ("$1.2M a year", "$1.2 million a year")],
         planted=[P("number_changed",
                    "Supported the on-call rotation for the Kafka event bus (80k events per "
                    "second)",
                    "Supported the on-call rotation for the Kafka event bus, which handles 50,000 "
                    "events per second",
                    "50,000 became 80k (a change, written in another format). The same case "
                    "rewrites $1.2M as $1.2 million: equal, must NOT fire")]),
    dict(base="maya-r1", edits=[("2 million requests a day", "2 million requests a second")],
         planted=[P("unit_changed",
                    "Built the seat-reservation API in Python and Django, serving 2 million "
                    "requests a second",
                    "Built the seat-reservation API in Python and Django, serving 2 million "
                    "requests a day", "same number, per day became per second")]),
    dict(base="maya-r1", edits=[("* Contributed to moving 22 services from EC2 to Kubernetes",
                                 "* Led the move of 22 services from EC2 to Kubernetes")],
         planted=[P("scope_raised", "Led the move of 22 services from EC2 to Kubernetes",
                    "Contributed to the migration of 22 services from EC2 to Kubernetes",
                    "contributed (1) -> led (3)")]),
    dict(base="maya-r1", edits=[("* Helped reduce checkout latency by 35% with Redis caching",
                                 "* Reduced checkout latency by 35% with Redis caching")],
         planted=[P("scope_raised", "Reduced checkout latency by 35% with Redis caching",
                    "Helped reduce checkout latency by 35% by adding Redis caching",
                    "helped reduce (1) -> reduced (2): the help is gone")]),
    dict(base="maya-r1", edits=[(
        "* Wrote SQL queries for the claims department",
        "* Wrote SQL queries for the claims department\n* Assisted the team of 6 senior developers "
        "in moving reports to SQL Server Reporting Services")],
         planted=[P("scope_raised", "Assisted the team of 6 senior developers",
                    "Assisted a team of senior developers",
                    "'a team' became 'the team of 6': a team size the source never gave",
                    also_rules=["number_changed"])]),
    dict(base="maya-r1", edits=[(
        "* Wrote SQL queries for the claims department",
        "* Wrote SQL queries for the claims department and deployed them with GitHub Actions")],
         planted=[P("anachronism",
                    "Wrote SQL queries for the claims department and deployed them with GitHub "
                    "Actions", "Wrote SQL queries for the claims department",
                    "role ended 2016; GitHub Actions first public (beta) 2018",
                    generated_role=MAYA_HP, tool="GitHub Actions",
                    also_rules=["moved_achievement"])]),
    dict(base="maya-r1", edits=move(
        "Built the seat-reservation API in Python and Django, serving 2 million requests a day",
        "Contributed to moving 22 services from EC2 to Kubernetes"),
         planted=[P("moved_achievement",
                    "Built the seat-reservation API in Python and Django, serving 2 million "
                    "requests a day",
                    "Built the seat-reservation API in Python and Django, serving 2 million "
                    "requests a day", "the text is verbatim; only its role changed",
                    source_role=MAYA_BJ, generated_role=MAYA_CL)]),
    dict(base="maya-r1", edits=[("10 years of Python", "15 years of Python")],
         planted=[P("years_inflated", "Backend engineer with 15 years of Python",
                    "Start date: 06/2016",
                    "Python shows from 06/2016 (Bluejay, then Copperleaf): about 10.5 years at "
                    "12/2026; the Hollis role shows no Python")]),
    dict(base="maya-letter", edits=[(
        "I would welcome the chance",
        "I also bring PCI DSS experience from auditing Copperleaf's card vault. I would welcome "
        "the chance")],
         planted=[P("letter_claim_unsourced",
                    "I also bring PCI DSS experience from auditing Copperleaf's card vault.", None,
                    "PCI DSS is in the posting, so the name is allowed, but here it is " + AS_PERSON
                    + " with no source")]),
    dict(base="maya-letter", edits=[("from 48 hours to 6 hours", "from 48 hours to 4 hours")],
         planted=[P("number_changed", "brought settlement delays down from 48 hours to 4 hours",
                    "cutting settlement delays from 48 hours to 6 hours", "6 became 4")]),
    dict(base="maya-letter", edits=[("and I contributed to moving 22 services",
                                     "and I spearheaded moving 22 services")],
         planted=[P("scope_raised", "I spearheaded moving 22 services from EC2 to Kubernetes",
                    "Contributed to the migration of 22 services from EC2 to Kubernetes",
                    "contributed (1) -> spearheaded (4), in a letter")]),
    # --- Tomas Reyes, analytics engineer (Brightwater Grocers) ---
    dict(base="tomas-r1", edits=[("on Snowflake, replacing",
                                  "on Snowflake and Databricks, replacing")],
         planted=[P("invented_skill", "Built 140 dbt models on Snowflake and Databricks",
                    "Built 140 dbt models on Snowflake that replaced a nightly spreadsheet process",
                    "Databricks is a preferred skill of the posting, absent from the source")]),
    dict(base="tomas-r1", edits=[(
        "* Built Tableau dashboards for 8 regional directors",
        "* Built Tableau dashboards for 8 regional directors, then for Brightwater Grocers on a "
        "consulting engagement")],
         planted=[P("invented_employer", "then for Brightwater Grocers on a consulting engagement",
                    None, "the posting's company named as a past client: posting names are a "
                    "source for the employer's facts, never for the person's")]),
    dict(base="tomas-r1", edits=[("Analytics engineer with 6 years",
                                  "Analytics engineer with a PhD in Statistics and 6 years")],
         planted=[P("invented_degree", "with a PhD in Statistics", "Degree: Master of Science",
                    "the highest degree is an MS in Statistics")]),
    dict(base="tomas-r1", edits=[("Built 140 dbt models", "Built 240 dbt models"),
                                 ("worth $480,000", "worth $480K")],
         planted=[P("number_changed", "Built 240 dbt models", "Built 140 dbt models",
                    "140 became 240. The same case writes $480,000 as $480K: equal, "
                    "must NOT fire")]),
    dict(base="tomas-r1", edits=[("cutting failed loads from 9 a month to 1",
                                  "cutting failed loads by 95%")],
         planted=[P("number_changed", "cutting failed loads by 95%",
                    "cutting failed loads from 9 a month to 1",
                    "9 -> 1 is an 89% cut, not 95%: a derived percentage must follow from the "
                    "source numbers")]),
    dict(base="tomas-r1", edits=[("saving 30 hours a month", "saving 30 hours a week")],
         planted=[P("unit_changed", "saving 30 hours a week", "saving 30 hours a month",
                    "a month became a week (about 4x the claim)")]),
    dict(base="tomas-r1", edits=[("* Contributed to a demand-planning pilot",
                                  "* Led a demand-planning pilot")],
         planted=[P("scope_raised",
                    "Led a demand-planning pilot that reduced fresh-produce waste by 12%",
                    "Contributed to a demand-planning pilot that reduced fresh-produce waste by "
                    "12%", "contributed (1) -> led (3)")]),
    dict(base="tomas-r1", edits=[("in R and Excel", "in R, Excel and dbt")],
         planted=[P("anachronism", "Cleaned survey data for 12 public-opinion studies in R, "
                    "Excel and dbt", "Cleaned survey data for 12 public-opinion studies in R and "
                    "Excel", "role 2013-2015 (year-only dates); dbt first released 2016",
                    generated_role=TOMAS_LS, tool="dbt", also_rules=["moved_achievement"])]),
    dict(base="tomas-r1", edits=[("in Python and pandas, saving",
                                  "in Python and pandas, with ChatGPT drafting the summaries, "
                                  "saving")],
         planted=[P("anachronism", "with ChatGPT drafting the summaries", "Automated monthly "
                    "claims reporting in Python and pandas, saving 30 hours a month",
                    "role ended 07/2020; ChatGPT released 11/2022",
                    generated_role=TOMAS_PM, tool="ChatGPT", also_rules=["invented_skill"])]),
    dict(base="tomas-r1", edits=[("* Built Tableau dashboards for 8 regional directors",
                                  "* Built Tableau dashboards on Snowflake for 8 regional "
                                  "directors")],
         planted=[P("moved_achievement", "Built Tableau dashboards on Snowflake for 8 regional "
                    "directors", "Built 140 dbt models on Snowflake that replaced a nightly "
                    "spreadsheet process",
                    "Snowflake belongs to the Mesa Verde role; Pinecrest shows none",
                    source_role=TOMAS_MV, generated_role=TOMAS_PM)]),
    dict(base="tomas-r1", edits=[("6 years of dbt and Snowflake", "10 years of dbt and Snowflake")],
         planted=[P("years_inflated", "Analytics engineer with 10 years of dbt and Snowflake",
                    "Start date: 08/2020",
                    "dbt and Snowflake show only in the role from 08/2020: about 6.3 years at "
                    "12/2026")]),
    dict(base="tomas-letter", edits=[(
        "I would be glad to help build",
        "I have already prototyped a shelf-gap model much like ShelfSense. I would be glad to "
        "help build")],
         planted=[P("letter_claim_unsourced",
                    "I have already prototyped a shelf-gap model much like ShelfSense.", None,
                    "ShelfSense is the posting's product (allowed); the prototype is " + AS_PERSON
                    + " with no source")]),
    dict(base="tomas-letter", edits=[("At Mesa Verde Grocers I own",
                                      "As a Senior Analytics Engineer at Mesa Verde Grocers "
                                      "I own")],
         planted=[P("changed_title", "As a Senior Analytics Engineer at Mesa Verde Grocers",
                    "Title: Analytics Engineer",
                    "the posting's job title may name the job applied for (first paragraph), "
                    "never the person's current title")]),
    # --- Grace Obi, ICU nurse (St. Brigid) ---
    dict(base="grace-r1", edits=[("* Ventilator management\n* CRRT",
                                  "* Ventilator management\n* CRRT\n* ECMO")],
         planted=[P("invented_skill", "* ECMO", None,
                    "ECMO is a preferred skill of the posting, absent from the source")]),
    dict(base="grace-r1", edits=[(
        "prone positioning during the 2020 COVID-19 surge",
        "prone positioning during the 2020 COVID-19 surge\n* Picked up ICU shifts through Bayside "
        "Nurse Staffing during the 2020 surge")],
         planted=[P("invented_employer",
                    "Picked up ICU shifts through Bayside Nurse Staffing during the 2020 surge",
                    None, "a staffing agency the person never named")]),
    dict(base="grace-r1", edits=[("Title: Staff Nurse, Medical ICU",
                                  "Title: Assistant Nurse Manager, Medical ICU")],
         planted=[P("changed_title", "Title: Assistant Nurse Manager, Medical ICU",
                    "Title: Staff Nurse, Medical ICU",
                    "staff nurse became assistant nurse manager")]),
    dict(base="grace-r1", edits=[(
        "End date: 05/2015\n",
        "End date: 05/2015\n\n### Degree\n\nSchool: Patapsco College of Nursing\n"
        "Degree: Master of Science in Nursing\nStart date: 08/2019\nEnd date: 05/2021\n")],
         planted=[P("invented_degree", "Degree: Master of Science in Nursing", None,
                    "a second degree block the source does not have")]),
    dict(base="grace-r1", edits=[(
        "## Certification\n\nName: Basic Life Support (BLS)",
        "## Certification\n\nName: Trauma Nursing Core Course (TNCC)\nIssuer: Emergency Nurses "
        "Association\nIssued: 02/2024\nExpires: 02/2028\n\n## Certification\n\n"
        "Name: Basic Life Support (BLS)")],
         planted=[P("invented_certification", "Name: Trauma Nursing Core Course (TNCC)", None,
                    "TNCC is preferred by the posting, absent from the source")]),
    dict(base="grace-r1", edits=[("shift team of 9 nurses", "shift team of 19 nurses")],
         planted=[P("number_changed", "Supervise a shift team of 19 nurses",
                    "Supervise a shift team of 9 nurses", "9 became 19")]),
    dict(base="grace-r1", edits=[("by 1.5 days on average", "by 1.5 weeks on average")],
         planted=[P("unit_changed", "cut ventilator time by 1.5 weeks on average",
                    "cut ventilator time by 1.5 days on average", "days became weeks")]),
    dict(base="grace-r1", edits=[("* Participated in the unit's early-mobility project",
                                  "* Spearheaded the unit's early-mobility project")],
         planted=[P("scope_raised", "Spearheaded the unit's early-mobility project",
                    "Participated in the unit's early-mobility project",
                    "participated (1) -> spearheaded (4)")]),
    dict(base="grace-r1", edits=[("* Helped reduce central-line infections",
                                  "* Reduced central-line infections")],
         planted=[P("scope_raised", "Reduced central-line infections from 4 to 1 per year",
                    "Helped reduce central-line infections from 4 to 1 per year",
                    "helped reduce (1) -> reduced (2)")]),
    dict(base="grace-r1", edits=[("* Gave childhood and flu vaccines, 1,200 doses",
                                  "* Gave childhood, flu and COVID-19 vaccines, 1,200 doses")],
         planted=[P("anachronism", "Gave childhood, flu and COVID-19 vaccines, 1,200 doses in the "
                    "2017-2018 season", "Gave childhood and flu vaccines, 1,200 doses in the "
                    "2017-2018 season", "role 2015-2019 (year-only); first COVID-19 vaccines "
                    "authorised 12/2020. The source gives COVID-19 vaccines in the 2019-2022 "
                    "role only", generated_role=GRACE_CL, tool="COVID-19 vaccine",
                    also_rules=["moved_achievement"])]),
    dict(base="grace-r1", edits=move(
        "Managed continuous renal replacement therapy (CRRT) for assigned patients",
        "Precept new graduate nurses; 11 have completed orientation with me"),
         planted=[P("moved_achievement", "Managed continuous renal replacement therapy (CRRT) for "
                    "assigned patients", "Managed continuous renal replacement therapy (CRRT) for "
                    "assigned patients", "moved between two roles at the same hospital: the "
                    "company matches, the role does not",
                    source_role=GRACE_ST, generated_role=GRACE_CH)]),
    dict(base="grace-r1", edits=[("7 years of ICU experience", "10 years of ICU experience")],
         planted=[P("years_inflated", "Critical care nurse with 10 years of ICU experience",
                    "Start date: 05/2019", "ICU roles start 05/2019: about 7.6 years at 12/2026; "
                    "the clinic role is not ICU")]),
    dict(base="grace-letter", edits=[(
        "I hold CCRN", "I was named Harbor Point's Nurse of the Year in 2023. I hold CCRN")],
         planted=[P("letter_claim_unsourced", "I was named Harbor Point's Nurse of the Year in "
                    "2023.", None, "an award nowhere in the source or chat")]),
    dict(base="grace-letter", edits=[("I hold CCRN, ACLS and BLS certifications",
                                      "I hold CCRN, ACLS, BLS and TNCC certifications")],
         planted=[P("invented_certification", "I hold CCRN, ACLS, BLS and TNCC certifications",
                    None, "TNCC comes from the posting's preferred list")]),
    dict(base="grace-letter", edits=[("on a 24-bed medical ICU", "on a 32-bed medical ICU")],
         planted=[P("number_changed", "As charge nurse on a 32-bed medical ICU",
                    "for a 24-bed medical ICU", "24 became 32")]),
    # --- Daniel Marsh, teacher and instructional coach (Cedar Hollow USD) ---
    dict(base="daniel-r1", edits=[("* Run monthly Google Classroom workshops",
                                   "* Run monthly Google Classroom and Canvas workshops")],
         planted=[P("invented_skill", "Run monthly Google Classroom and Canvas workshops",
                    "Run monthly Google Classroom workshops for school staff",
                    "Canvas appears nowhere in the source")]),
    dict(base="daniel-r1", edits=[(
        "aligned to NGSS\n",
        "aligned to NGSS\n* Wrote NGSS curriculum units as a contractor for Brightpath "
        "Learning\n")],
         planted=[P("invented_employer",
                    "Wrote NGSS curriculum units as a contractor for Brightpath Learning", None,
                    "a client the person never named, inside an existing role")]),
    dict(base="daniel-r1", edits=[("Name: Google Certified Educator Level 1",
                                   "Name: Google Certified Educator Level 2")],
         planted=[P("invented_certification", "Name: Google Certified Educator Level 2",
                    "Name: Google Certified Educator Level 1", "level 1 became level 2")]),
    dict(base="daniel-r1", edits=[("from 48% to 71%", "from 48% to 81%")],
         planted=[P("number_changed", "Raised the AP Chemistry pass rate from 48% to 81%",
                    "Raised the AP Chemistry pass rate from 48% to 71%", "71% became 81%")]),
    dict(base="daniel-r1", edits=[("about 150 students a year", "about 150 students a semester")],
         planted=[P("unit_changed", "about 150 students a semester", "about 150 students a year",
                    "per year became per semester (twice the students)")]),
    dict(base="daniel-r1", edits=[("* Contributed to the district's induction program",
                                   "* Directed the district's induction program")],
         planted=[P("scope_raised", "Directed the district's induction program",
                    "Contributed to the district's induction program",
                    "contributed (1) -> directed (4)")]),
    dict(base="daniel-r1", edits=[("* Assisted in writing a $25,000 state grant",
                                   "* Wrote a $25,000 state grant")],
         planted=[P("scope_raised", "Wrote a $25,000 state grant for lab equipment",
                    "Assisted in writing a $25,000 state grant for lab equipment",
                    "assisted (1) -> wrote (2): sole authorship claimed")]),
    dict(base="daniel-r1", edits=[(
        "* Supported the school's switch to standards-based grading",
        "* Supported the school's switch to standards-based grading, with parent updates over "
        "Microsoft Teams")],
         planted=[P("anachronism", "with parent updates over Microsoft Teams",
                    "Supported the school's switch to standards-based grading",
                    "role 2010-2014 (year-only); Microsoft Teams first public as a preview 11/2016",
                    generated_role=DAN_SV, tool="Microsoft Teams",
                    also_rules=["invented_skill"])]),
    dict(base="daniel-r1", edits=move(
        "Raised the AP Chemistry pass rate from 48% to 71% over four years",
        "Run monthly Google Classroom workshops for school staff"),
         planted=[P("moved_achievement",
                    "Raised the AP Chemistry pass rate from 48% to 71% over four years",
                    "Raised the AP Chemistry pass rate from 48% to 71% over four years",
                    "a classroom result now reads as a coaching result",
                    source_role=DAN_FH, generated_role=DAN_RV)]),
    dict(base="daniel-letter", edits=[(
        "over four years. I hold",
        "over four years. My students' state science scores were the highest in the district for "
        "three straight years. I hold")],
         planted=[P("letter_claim_unsourced", "My students' state science scores were the highest "
                    "in the district for three straight years.", None,
                    "a result nowhere in the source or chat")]),
    dict(base="daniel-letter", edits=[("Since 2021 I have coached",
                                       "For eight years I have coached")],
         planted=[P("years_inflated", "For eight years I have coached 14 science teachers",
                    "Start date: 08/2021", "coaching since 08/2021: about 5.3 years at 12/2026; "
                    "the number is written as a word")]),
    dict(base="daniel-letter", edits=[("and a Master of Arts in Education",
                                       "and a Doctor of Education")],
         planted=[P("invented_degree", "and a Doctor of Education", "Degree: Master of Arts",
                    "the master's became a doctorate")]),
    dict(base="daniel-letter", edits=[(
        "Before coaching I taught chemistry and AP Chemistry at Fremont Heights",
        "Before coaching I was Head of Science at Fremont Heights")],
         planted=[P("changed_title", "Before coaching I was Head of Science at Fremont Heights",
                    "Title: Chemistry Teacher", "he chaired the department for 2 of 7 years; his "
                    "title was Chemistry Teacher")]),
    # --- Leilani Kahale, distribution operations (Tallgrass Outfitters) ---
    dict(base="leilani-r1", edits=[("with 6 years as a manager.",
                                    "with 6 years as a manager.\nBilingual in English and "
                                    "Spanish.")],
         planted=[P("invented_skill", "Bilingual in English and Spanish.", None,
                    "the posting prefers bilingual candidates; the source says nothing "
                    "of Spanish")]),
    dict(base="leilani-r1", edits=[("Location: Carson City, NV",
                                    "Agency: Silver State Staffing\nLocation: Carson City, NV")],
         planted=[P("invented_employer", "Agency: Silver State Staffing", None,
                    "an agency employer added to a real role")]),
    dict(base="leilani-r1", edits=[("Title: Shift Supervisor",
                                    "Title: Assistant Operations Manager")],
         planted=[P("changed_title", "Title: Assistant Operations Manager",
                    "Title: Shift Supervisor", "supervisor became assistant manager")]),
    dict(base="leilani-r1", edits=[(
        "End date: 05/2011\n",
        "End date: 05/2011\n\n### Degree\n\nSchool: High Desert State University\n"
        "Degree: Master of Business Administration\nStart date: 08/2016\nEnd date: 05/2018\n")],
         planted=[P("invented_degree", "Degree: Master of Business Administration", None,
                    "an MBA the source does not have")]),
    dict(base="leilani-r1", edits=[(
        "Issued: 05/2019\n",
        "Issued: 05/2019\n\n## Certification\n\nName: Certified Supply Chain Professional (CSCP)\n"
        "Issuer: ASCM\nIssued: 06/2023\n")],
         planted=[P("invented_certification", "Name: Certified Supply Chain Professional (CSCP)",
                    None, "CSCP is a plus in the posting; the source has CLTD only")]),
    dict(base="leilani-r1", edits=[("ships 18,000 orders a day", "ships 28 thousand orders a day")],
         planted=[P("number_changed", "ships 28 thousand orders a day",
                    "shipping 18,000 orders a day",
                    "18,000 became 28 thousand (a change, written in words)")]),
    dict(base="leilani-r1", edits=[("420,000 sq ft", "420,000 square metres")],
         planted=[P("unit_changed", "420,000 square metres distribution center",
                    "420,000 sq ft distribution center", "square feet became square metres")]),
    dict(base="leilani-r1", edits=[("$9.5M outbound budget", "€9.5M outbound budget")],
         planted=[P("unit_changed", "Kept the €9.5M outbound budget",
                    "Kept the outbound budget of $9.5M", "dollars became euros")]),
    dict(base="leilani-r1", edits=[("* Participated in the site's migration",
                                    "* Managed the site's migration")],
         planted=[P("scope_raised", "Managed the site's migration to SAP S/4HANA in 2018",
                    "Participated in the site's migration to SAP S/4HANA in 2018",
                    "participated (1) -> managed (3)")]),
    dict(base="leilani-r1", edits=[("for 9,000 SKUs and kept",
                                    "for 9,000 SKUs in SAP S/4HANA and kept")],
         planted=[P("anachronism", "Ran weekly cycle counts for 9,000 SKUs in SAP S/4HANA",
                    "Ran weekly cycle counts for 9,000 SKUs",
                    "role 2011-2014 (year-only); SAP S/4HANA released 02/2015. The source has "
                    "S/4HANA in the 2015-2020 role only", generated_role=LEI_TO,
                    tool="SAP S/4HANA", also_rules=["moved_achievement"])]),
    dict(base="leilani-r1", edits=move("Trained 60 new forklift operators on safety procedures",
                                       "Contributed to the Manhattan WMS rollout across 2 sites"),
         planted=[P("moved_achievement", "Trained 60 new forklift operators on safety procedures",
                    "Trained 60 new forklift operators on safety procedures",
                    "verbatim, moved from the supervisor role to the manager role",
                    source_role=LEI_GB, generated_role=LEI_SB)]),
    dict(base="leilani-r1", edits=[("with 6 years as a manager", "with 12 years as a manager")],
         planted=[P("years_inflated", "with 12 years as a manager", "Start date: 04/2020",
                    "manager since 04/2020 (6.7 years at 12/2026); even counting the supervisor "
                    "role from 06/2015 it is 11.5")]),
    dict(base="leilani-letter", edits=[(
        "I would be glad to help", "I am fluent in Spanish and train associates in their first "
        "language. I would be glad to help")],
         planted=[P("letter_claim_unsourced", "I am fluent in Spanish and train associates "
                    "in their first language.", None,
                    "the posting prefers Spanish; no source says so")]),
    dict(base="leilani-letter", edits=[("I contributed to the Manhattan WMS rollout",
                                        "I led the Manhattan WMS rollout")],
         planted=[P("scope_raised", "I led the Manhattan WMS rollout across 2 sites",
                    "Contributed to the rollout of Manhattan WMS across 2 sites",
                    "contributed (1) -> led (3), in a letter")]),
    # --- Omar Haddad, demand generation (Quillstack) ---
    dict(base="omar-r1", edits=[("* LinkedIn Ads\n* Google Analytics 4",
                                 "* LinkedIn Ads\n* 6sense\n* Google Analytics 4")],
         planted=[P("invented_skill", "* 6sense", None,
                    "6sense is a nice-to-have of the posting; it starts with a digit, so "
                    "a capitalised-name check misses it")]),
    dict(base="omar-r1", edits=[("Title: Marketing Specialist", "Title: Marketing Manager")],
         planted=[P("changed_title", "Title: Marketing Manager", "Title: Marketing Specialist",
                    "specialist became manager")]),
    dict(base="omar-r1", edits=[("* Grew marketing-sourced pipeline from $6M to $14M in two years",
                                 "* Tripled marketing-sourced pipeline to $14M in two years")],
         planted=[P("number_changed", "Tripled marketing-sourced pipeline to $14M in two years",
                    "Grew marketing-sourced pipeline from $6M to $14M in two years",
                    "$6M -> $14M is 2.3x, not triple: a ratio word must follow from the numbers")]),
    dict(base="omar-r1", edits=[("Own the $1.8M annual", "Own the $1.8M quarterly")],
         planted=[P("unit_changed", "Own the $1.8M quarterly paid-search and paid-social budget",
                    "Own the paid-search and paid-social budget of $1.8M a year",
                    "a year became a quarter (four times the money)")]),
    dict(base="omar-r1", edits=[("* Supported the launch of 3 webinar series",
                                 "* Owned the launch of 3 webinar series")],
         planted=[P("scope_raised", "Owned the launch of 3 webinar series",
                    "Supported the launch of 3 webinar series", "supported (1) -> owned (3)")]),
    dict(base="omar-r1", edits=[("first Facebook ad campaigns", "first Facebook ad campaigns, "
                                 "measured in Google Analytics 4")],
         planted=[P("anachronism", "measured in Google Analytics 4",
                    "Assisted with the brokerage's first Facebook ad campaigns",
                    "role 2013-2016 (year-only); Google Analytics 4 first public as the App + Web "
                    "beta 07/2019",
                    generated_role=OMAR_FR, tool="Google Analytics 4",
                    also_rules=["moved_achievement"])]),
    dict(base="omar-r1", edits=move("Helped grow organic search traffic by 50% in 18 months",
                                    "Contributed to the website relaunch that lifted demo "
                                    "requests by 22%"),
         planted=[P("moved_achievement", "Helped grow organic search traffic by 50% in 18 months",
                    "Helped grow organic search traffic by 50% in 18 months",
                    "verbatim, moved to the current role", source_role=OMAR_PK,
                    generated_role=OMAR_SL)]),
    dict(base="omar-r1", edits=[("with 10 years of HubSpot.",
                                 "with 10 years of HubSpot and 8 years of Google Ads.")],
         planted=[P("years_inflated", "8 years of Google Ads", "Start date: 02/2021",
                    "Google Ads shows only in the role from 02/2021: about 5.8 years at 12/2026. "
                    "The 10 years of HubSpot in the same line is supported (07/2016 on)")]),
    dict(base="omar-letter", edits=[(
        "I would welcome a conversation",
        "I have run account-based marketing programs aimed at legal teams. I would welcome a "
        "conversation")],
         planted=[P("letter_claim_unsourced", "I have run account-based marketing programs "
                    "aimed at legal teams.", None, "ABM and legal teams come from the posting's "
                    "nice-to-haves, not from the person")]),
    dict(base="omar-letter", edits=[("Analytics 4 in 2022.",
                                     "Analytics 4 in 2022. I am also a certified Salesforce "
                                     "Administrator.")],
         planted=[P("invented_certification", "I am also a certified Salesforce Administrator.",
                    None, "Salesforce is a skill of the source; the certification is not")]),
    dict(base="omar-letter", edits=[(
        "I would welcome a conversation",
        "I also ran paid social as a freelancer for Boulder Bean Roasters. I would welcome a "
        "conversation")],
         planted=[P("invented_employer", "I also ran paid social as a freelancer for Boulder Bean "
                    "Roasters.", None, "a client the person never named, in a letter")]),
]

GRPC_FACT = "I have used gRPC for internal service calls at Copperleaf Payments since 2023."

CLEAN = [
    dict(base="maya-r1", about="honest tailoring: reworded at the same verb strength, reordered, "
         "Jenkins and two bullets left out, year-only dates kept as years, '10 years of Python' "
         "supported by roles from 06/2016"),
    dict(base="maya-letter", about="names the posting's job title, company, team, products and "
         "reference code LF-2291-BE; every claim about Maya is a resume line"),
    dict(base="maya-r1", about="equal numbers in other formats: 50,000 = 50k, "
         "$1.2M = $1.2 million, 15,000 = 15 thousand",
         edits=[("(50,000 events per second)", "(50k events per second)"),
                ("$1.2M a year", "$1.2 million a year"),
                ("15,000 policy documents", "15 thousand policy documents")]),
    dict(base="maya-r1", about="gRPC is a posting skill the person confirmed in chat",
         facts=[GRPC_FACT], edits=[("* Kafka\n* Kubernetes", "* Kafka\n* gRPC\n* Kubernetes")]),
    dict(base="maya-r1", about="verbs swapped within one level: led -> drove (3), built -> "
         "implemented (2), contributed -> helped (1)",
         edits=[("* Led the Go rewrite", "* Drove the Go rewrite"),
                ("* Built an idempotency layer", "* Implemented an idempotency layer"),
                ("* Contributed to moving 22 services", "* Helped move 22 services")]),
    dict(base="maya-letter", about="a confirmed fact used in a letter", facts=[GRPC_FACT],
         edits=[("I would welcome the chance", "I have also used gRPC for internal service calls "
                 "at Copperleaf Payments since 2023. I would welcome the chance")]),
    dict(base="tomas-r1", about="honest tailoring; '6 years of dbt and Snowflake' follows from "
         "the role from 08/2020; SAS and Looker left out"),
    dict(base="tomas-letter", about="names Senior Analytics Engineer, Brightwater Grocers, the "
         "Insights & Forecasting team, ShelfSense, FreshTrack and Job ID BWG-AE-0417"),
    dict(base="tomas-r1", about="equal numbers in other formats ($480,000 = $480K, 10,000 = 10k, "
         "3.5 million = 3,500,000) and one bullet left out",
         edits=[("worth $480,000", "worth $480K"),
                ("10,000-respondent", "10k-respondent"),
                ("3.5 million claims records", "3,500,000 claims records"),
                ("* Ran SQL training for 25 analysts in finance and merchandising\n", "")]),
    dict(base="grace-r1", about="honest tailoring; '7 years of ICU experience' follows from ICU "
         "roles from 05/2019; two roles at one hospital kept apart"),
    dict(base="grace-letter", about="names the posting's title, hospital, unit, institute, tower, "
         "residency and requisition SBR-RN-3310"),
    dict(base="grace-r1", about="verbs kept at level 1 in other words (helped reduce -> "
         "contributed to cutting, participated in -> took part in) and one bullet left out",
         edits=[("* Helped reduce central-line infections", "* Contributed to cutting "
                 "central-line infections"),
                ("* Participated in the unit's early-mobility project",
                 "* Took part in the unit's early-mobility project"),
                ("* Triaged 40 phone calls a day for a practice of 6 physicians\n", "")]),
    dict(base="daniel-r1", about="honest tailoring; banner reworded from the source banner; "
         "year-only dates of the oldest role kept as years"),
    dict(base="daniel-letter", about="names the posting's title, district, office, Project "
         "Lantern, CHUSD Learns and CHUSD-2025-IC-07; 'Since 2021' and 'from 2014 to 2021' "
         "restate role dates"),
    dict(base="daniel-r1", about="a date in another accepted format (08/2021 = August 2021) and "
         "verbs at the same level (raised -> improved, assisted in writing -> helped write)",
         edits=[("Start date: 08/2021", "Start date: August 2021"),
                ("* Raised the AP Chemistry pass rate", "* Improved the AP Chemistry pass rate"),
                ("* Assisted in writing a $25,000", "* Helped write a $25,000")]),
    dict(base="leilani-r1", about="honest tailoring; '6 years as a manager' follows from the "
         "manager role from 04/2020; Power BI and a bullet left out"),
    dict(base="leilani-letter", about="names the posting's title, company, Outbound team, "
         "Tallgrass Express, Trailhead Rewards and Ref. TGO-OPS-118"),
    dict(base="leilani-r1", about="equal numbers in other formats: 18,000 = 18 thousand, $9.5M = "
         "$9.5 million, 420,000 = 420k",
         edits=[("ships 18,000 orders a day", "ships 18 thousand orders a day"),
                ("$9.5M outbound budget", "$9.5 million outbound budget"),
                ("420,000 sq ft", "420k sq ft")]),
    dict(base="omar-r1", about="honest tailoring; '10 years of HubSpot' follows from roles from "
         "07/2016; case studies and InDesign left out"),
    dict(base="omar-letter", about="names the posting's title, company, Growth Marketing team, "
         "Quillstack Notes, Quillstack Sign and Req #QS-MKT-552"),
    dict(base="omar-r1", about="a ratio word that holds ($6M -> $14M is more than double) and "
         "2,400 = 2.4k",
         edits=[("* Grew marketing-sourced pipeline from $6M to $14M in two years",
                 "* More than doubled marketing-sourced pipeline, from $6M to $14M, in two years"),
                ("2,400 leads", "2.4k leads")]),
]


def _apply(text: str, edits: list[tuple[str, str]], where: str) -> str:
    for old, new in edits:
        if text.count(old) != 1:
            raise SystemExit(f"{where}: edit target found {text.count(old)} times: {old!r}")
        text = text.replace(old, new)
    return text


def _base_text(base: str) -> str:
    kind = BASES[base][1]
    return (HERE / "tailored" / f"{base}.{'md' if kind == 'resume' else 'txt'}").read_text()


def _case(case_id: str, spec: dict, planted: list[dict]) -> dict:
    persona, kind, posting = BASES[spec["base"]]
    generated = _apply(_base_text(spec["base"]), spec.get("edits", []), case_id)
    for item in planted:
        if item["generated_line"] not in generated:
            raise SystemExit(f"{case_id}: generated_line not in generated: "
                             f"{item['generated_line']!r}")
    return {"id": case_id, "persona": f"sources/{persona}.md", "kind": kind,
            "posting": f"postings/{posting}" if posting else None,
            "confirmed_facts": spec.get("facts", []), "base": spec["base"],
            "about": spec.get("about", ""), "generated": generated, "planted": planted}


def main() -> None:
    out = HERE / "cases"
    for old in out.glob("*.json"):
        old.unlink()
    cases = [_case(f"fault-{n:03d}", spec, spec["planted"]) for n, spec in enumerate(FAULTS, 1)]
    cases += [_case(f"clean-{n:03d}", spec, []) for n, spec in enumerate(CLEAN, 1)]
    for case in cases:
        (out / f"{case['id']}.json").write_text(json.dumps(case, indent=2, ensure_ascii=False)
                                                + "\n")
    print(f"wrote {len(FAULTS)} fault and {len(CLEAN)} clean cases to {out}")


if __name__ == "__main__":
    main()
