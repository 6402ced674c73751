"""A placeholder resume for people who start from a template instead of a file.

Obviously fake (Your Name, Example Company, example.com) so nothing in it can pass for a fact
about the person; it shows every block of the format once, in canonical form, including the
sections Tailor adds (docs/resume-format.md) and a year-only date.
"""

from __future__ import annotations

from documents.markdown import load_resume
from documents.model import Resume

TEMPLATE_RESUME_MARKDOWN = """\
# Personal

## Contact Information

Name: Your Name
Email: your.name@example.com
Phone: +1 555 010 0000
Location: Your City, ST

## Websites

GitHub: https://github.com/your-name-example
LinkedIn: https://www.linkedin.com/in/your-name-example
Website: https://your-name.example.com

## Visa Status

Work Authorization: Your work authorization
Require sponsorship: No

## Banner

One or two lines about who you are and the work you want next.

# Education

## Degrees

### Degree

School: Example University
Degree: Bachelor of Science
Major: Your Major
Start date: 09/2014
End date: 05/2018

# Certifications

## Certification

Name: Example Certification
Issuer: Example Institute
Issued: 06/2021

# Experience

## Projects

### Project

#### Overview

Title: Example Project
Url: https://example.com/your-project
Start date: 01/2022
End date: 06/2022

#### Description

What the project does and who uses it, in one or two lines.

#### Skills

* Example Skill

## Roles

### Role

#### Basics

Company: Example Company
Title: Your Current Title
Employment type: Full-time
Location: Your City, ST
Start date: 07/2020

#### Summary

One sentence on what you own in this role.

#### Responsibilities

The team or situation you work in (optional).
* An accomplishment with a number, e.g. cut report time by 30%
* Another task you did, and its result

#### Skills

* Example Skill
* Another Skill

### Role

#### Basics

Company: Example Previous Company
Title: Your Previous Title
Employment type: Full-time
Location: Your City, ST
Start date: 06/2018
End date: 06/2020

#### Responsibilities

* A task you did, and its result

#### Skills

* Example Skill

# Skills

## Example Skill Group

* Example Skill
* Another Skill

# Languages

* English: Native

# Awards

## Award

Title: Example Award
Issuer: Example Organization
Date: 2019

# Volunteering

## Volunteering

Organization: Example Community Group
Role: Volunteer
Start date: 2017
End date: 2018

### Responsibilities

* What you did there, and its result

# Publications

## Publication

Title: Example Article
Publisher: Example Journal
Date: 03/2021

# Interests

* Example Interest
"""


def template_resume() -> Resume:
    """The template as a model (read fresh each call: the text is small and the model frozen)."""
    return load_resume(TEMPLATE_RESUME_MARKDOWN)
