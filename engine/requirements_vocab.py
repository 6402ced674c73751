"""Known technology names and their aliases, and the one normaliser every matcher shares.

`canonical(term)` maps any spelling ("JS", "javascript", "Postgres", "k8s", "CI-CD") to one key,
so the extractor, the match score and the fact check all agree on what counts as the same skill.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Canonical display name -> other spellings people use (compared after normalisation).
ALIASES: dict[str, tuple[str, ...]] = {
    "JavaScript": ("js", "ecmascript"),
    "TypeScript": ("ts",),
    "PostgreSQL": ("postgres", "psql", "postgre sql"),
    "Kubernetes": ("k8s", "kube"),
    "CI/CD": ("ci cd", "cicd", "continuous integration", "continuous delivery",
              "continuous deployment", "ci/cd pipelines", "ci cd pipelines"),
    "Machine Learning": ("ml",),
    "Artificial Intelligence": ("ai",),
    "Natural Language Processing": ("nlp",),
    "Large Language Models": ("llm", "llms"),
    "Amazon Web Services": ("aws",),
    "Google Cloud Platform": ("gcp", "google cloud"),
    "Microsoft Azure": ("azure",),
    "Node.js": ("node", "nodejs", "node js"),
    "React": ("react.js", "reactjs", "react js"),
    "Vue.js": ("vue", "vuejs"),
    "Next.js": ("nextjs",),
    "Angular": ("angularjs", "angular.js"),
    "Golang": ("go",),
    "C#": ("csharp", "c sharp"),
    "C++": ("cpp",),
    "Microsoft Excel": ("excel", "ms excel"),
    "Power BI": ("powerbi",),
    "Scikit-learn": ("sklearn", "scikit learn"),
    "TensorFlow": ("tf",),
    "Apache Spark": ("spark", "pyspark"),
    "Apache Kafka": ("kafka",),
    "Apache Airflow": ("airflow",),
    "dbt": ("data build tool",),
    "Django REST Framework": ("drf", "djangorestframework"),
    "REST APIs": ("rest", "restful", "rest api", "restful apis", "restful api"),
    "GraphQL": ("graph ql",),
    "Amazon S3": ("s3",),
    "Amazon ECS": ("ecs",),
    "Amazon RDS": ("rds",),
    "GitHub Actions": ("gh actions",),
    "Terraform": ("tf cloud",),
    "MongoDB": ("mongo",),
    "Microsoft SQL Server": ("sql server", "mssql", "ms sql"),
    "Google Analytics": ("ga4",),
    "Looker Studio": ("data studio",),
    "Objective-C": ("objective c", "objc"),
    "Site Reliability Engineering": ("sre",),
    "User Experience": ("ux",),
    "Search Engine Optimization": ("seo",),
    "Extract, Transform, Load": ("etl", "elt"),
    "A/B Testing": ("ab testing", "a/b tests", "split testing"),
}

# Names recognised as tools even without an alias (compared after normalisation).
TOOLS: tuple[str, ...] = (
    "Python", "Java", "Kotlin", "Scala", "Rust", "Ruby", "PHP", "Swift", "R", "SQL", "Bash",
    "HTML", "CSS", "Sass", "Tailwind", "Redux", "Svelte", "jQuery", "Webpack", "Vite",
    "FastAPI", "Django", "Flask", "Spring", "Spring Boot", "Rails", "Laravel", ".NET", "Express",
    "asyncio", "Celery", "gRPC", "Docker", "Helm", "Ansible", "Jenkins", "CircleCI", "GitLab",
    "GitHub", "Git", "Jira", "Confluence", "Linux", "Nginx", "Redis", "Memcached", "ElastiCache",
    "Elasticsearch", "OpenSearch", "Cassandra", "DynamoDB", "MySQL", "SQLite", "Oracle",
    "Snowflake", "BigQuery", "Redshift", "Databricks", "Looker", "Tableau", "Metabase", "Qlik",
    "Mode", "Hex", "Fivetran", "Stitch", "Airbyte", "Dagster", "Prefect", "Pandas", "NumPy",
    "PyTorch", "Keras", "XGBoost", "Hugging Face", "LangChain", "MLflow", "Kubeflow",
    "SageMaker", "Vertex AI", "OpenTelemetry", "Datadog", "Prometheus", "Grafana", "Splunk",
    "Sentry", "PagerDuty", "Lambda", "CloudFormation", "Pulumi", "RabbitMQ", "SQS", "Kinesis",
    "Figma", "Sketch", "Salesforce", "HubSpot", "ServiceNow", "SAP", "Workday", "Zendesk",
    "Jest", "Cypress", "Playwright", "Selenium", "pytest", "JUnit", "Storybook", "Postman",
    "Microservices", "Agile", "Scrum", "Kanban", "Jupyter", "Excel", "Google Sheets", "VBA",
    "Power Query", "DAX", "SSIS", "SSRS", "Alteryx", "SPSS", "SAS", "Stata", "MATLAB",
    "Unix", "Windows", "macOS", "iOS", "Android", "Flutter", "React Native", "Unity",
    "OAuth", "JWT", "TLS", "Kafka Streams", "Flink", "Hadoop", "Hive", "Presto", "Trino",
    "Iceberg", "Delta Lake", "Parquet", "Avro", "Protobuf", "JSON", "XML", "YAML",
    "Tailwind CSS", "Material UI", "Bootstrap", "D3.js", "Plotly", "Streamlit", "Vercel",
    "Heroku", "Netlify", "Cloudflare", "Okta", "Auth0", "Stripe", "Twilio", "Segment",
    "Amplitude", "Mixpanel", "Optimizely", "Google Ads", "Shopify", "WordPress", "Notion",
    "Asana", "Trello", "Slack", "Miro", "Lucidchart", "Visio", "Outlook", "PowerPoint", "Word",
    "Microsoft Office", "Google Workspace", "QuickBooks", "NetSuite", "Xero", "Tally",
    "Dataform", "Lightdash", "Census", "Hightouch", "Great Expectations", "Monte Carlo",
    "Kubernetes", "Terraform", "GraphQL", "MongoDB", "TensorFlow", "Golang", "React",
)

# Short names that are ordinary words in most sentences: only count them when capitalised
# exactly like this in the posting or resume ("Go" the language, not "go live").
CASE_SENSITIVE = frozenset({"Go", "R", "Mode", "Hex", "Word", "Spring", "Express", "Next",
                            "Lambda", "Segment", "Census", "Unity", "Rest", "Stitch", "TS", "AI",
                            "Workday", "Excel", "Flask", "Ruby", "Swift", "Rust",
                            "Hive", "Helm", "Tally", "Flutter", "Jest", "Looker",
                            "ML", "Node", "Vue", "Kube", "TF", "Notion", "Slack", "Oracle"})

_SPACES = re.compile(r"\s+")
_DROP = re.compile(r"[^\w+#/.\s-]")


def fold(term: str) -> str:
    """Lowercase, strip accents and punctuation noise, collapse spaces; keep + # / . inside."""
    text = unicodedata.normalize("NFKD", term)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _DROP.sub(" ", text).replace("-", " ")
    text = _SPACES.sub(" ", text).strip(" ./")
    return text


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_EXTRA_TERMS = Path(__file__).resolve().parent / "vocab_data" / "tech_terms.txt"


@cache
def all_tools() -> tuple[str, ...]:
    """The hand list plus the curated names in vocab_data/ (provenance in its README)."""
    extra = [line.strip() for line in _EXTRA_TERMS.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return tuple(dict.fromkeys((*TOOLS, *extra)))


_DOMAINS = Path(__file__).resolve().parent / "vocab_data" / "domains.txt"
_FIELDS = Path(__file__).resolve().parent / "vocab_data" / "fields.txt"


@cache
def domain_pattern() -> re.Pattern[str]:
    """Domains and fields of knowledge (vocab_data/domains.txt and fields.txt), whole words,
    any case, a final plural "s" allowed ("embedded systems", "code reviews")."""
    names = [line.strip() for path in (_DOMAINS, _FIELDS)
             for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    ordered = sorted(set(names), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n).replace(r"\ ", r"[\s-]+")
                                               for n in ordered) + r")s?(?![\w-])", re.I)


@cache
def _alias_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for name in all_tools():
        table[fold(name)] = name
    for name, others in ALIASES.items():
        table[fold(name)] = name
        for other in others:
            table[fold(other)] = name
    return table


def canonical(term: str) -> str:
    """The key two spellings of the same skill share: aliases resolved, plurals singular."""
    folded = fold(term)
    table = _alias_table()
    if folded in table:
        return fold(table[folded])
    singular = " ".join(_singular(w) for w in folded.split())
    if singular in table:
        return fold(table[singular])
    return singular


def display_name(term: str) -> str:
    """The known display spelling of a term, or the term as given."""
    return _alias_table().get(fold(term), term.strip())


@cache
def known_term_pattern() -> re.Pattern[str]:
    """Finds every known name or alias in text (longest first; word-bounded)."""
    spellings = set(all_tools()) | set(ALIASES) | {a for v in ALIASES.values() for a in v}
    ordered = sorted(spellings, key=len, reverse=True)
    parts = [re.escape(s).replace(r"\ ", r"[\s-]+") for s in ordered]
    return re.compile(r"(?<![\w.#+/-])(?:" + "|".join(parts) + r")(?![\w#+]|\.\w)", re.IGNORECASE)


def find_known_terms(text: str) -> list[str]:
    """Display names of the known technologies mentioned in `text`, in order, no repeats."""
    found: list[str] = []
    for match in known_term_pattern().finditer(text):
        raw = match.group(0)
        if _is_ambiguous_word(raw):
            continue
        name = display_name(raw)
        if name not in found:
            found.append(name)
    return found


def _is_ambiguous_word(raw: str) -> bool:
    for word in CASE_SENSITIVE:
        if raw.lower() == word.lower():
            return raw != word and raw != word.upper()
    return False


# Spoken languages a posting may ask for (kind "language"), English names and the posting's own.
SPOKEN_LANGUAGES: frozenset[str] = frozenset({
    "English", "French", "Spanish", "German", "Italian", "Portuguese", "Dutch", "Danish",
    "Swedish", "Norwegian", "Finnish", "Polish", "Czech", "Russian", "Ukrainian", "Turkish",
    "Greek", "Arabic", "Hebrew", "Hindi", "Urdu", "Bengali", "Mandarin", "Cantonese", "Chinese",
    "Japanese", "Korean", "Vietnamese", "Thai", "Indonesian", "Malay", "Tagalog", "Romanian",
    "Hungarian", "Catalan", "Français", "Anglais", "Espagnol", "Allemand", "Inglés", "Español",
    "Francés", "Alemán", "Englisch", "Deutsch", "Französisch", "Spanisch",
})


@dataclass(frozen=True)
class TermHit:
    start: int
    end: int
    name: str  # display name


def find_term_spans(text: str) -> list[TermHit]:
    """Known names in `text` with their offsets, read in context: "R&D" is not R, "Unity
    Catalog" is not Unity, "workday" is not Workday, "go" is not Go."""
    hits: list[TermHit] = []
    for match in known_term_pattern().finditer(text):
        raw = match.group(0)
        if _is_ambiguous_word(raw) or _part_of_longer_name(text, match.start(), match.end(), raw):
            continue
        hits.append(TermHit(match.start(), match.end(), display_name(raw)))
    return hits


_NEXT_WORD = re.compile(r"[ \t]*([&]|[A-Z][a-z]+)")
_PREVIOUS_WORD = re.compile(r"([A-Z][a-z]+)[ \t]+$")


def _part_of_longer_name(text: str, start: int, end: int, raw: str) -> bool:
    """A short ambiguous name glued to another capitalised word is a different proper name
    ("Unity Catalog", "Express Scripts", "American Express"), and a letter before "&" is an
    abbreviation ("R&D", "Q&A")."""
    following = _NEXT_WORD.match(text, end)
    if following and following.group(1) == "&":
        return True
    if not any(raw.lower() == w.lower() for w in CASE_SENSITIVE):
        return False
    if following and fold(following.group(1)) not in _alias_table():
        return True
    before = _PREVIOUS_WORD.search(text, 0, start)
    if before and fold(before.group(1)) not in _alias_table():
        at_sentence_start = re.search(r"(^|[.!?:•\-*]\s*)$", text[: before.start()])
        return not at_sentence_start
    return False
