"""How a release is cited: `CITATION.cff` (GitHub, Zotero), `zenodo.json` (Zenodo's deposit
metadata, for a versioned DOI) and `datacite.json` (DataCite's metadata schema, for any DOI
registrar), all from the manifest, so each states the release's version, date and terms."""

from __future__ import annotations

import yaml

from .licences import ANNOTATIONS, HUB_LICENCE, terms

TITLE = "newsclaims: who claims what, citing whom, and when"
# The dataset's creators, as the repository's CITATION.cff names the software's authors
# (tests/publish/test_catalogs.py keeps the two in step).
CREATORS = [{"name": "newsclaims contributors"}]
KEYWORDS = ["news", "attribution", "claims", "quotes", "sources", "actors", "TIMEX3"]
ABSTRACT = (
    "Attributed claims found in news articles: who claims what (direct quotes, reported speech, "
    "'according to', beliefs and intentions), citing whom (named or anonymous sources), about which "
    "actors, and when (time expressions normalised to TIMEX3), as Parquet tables with character "
    "offsets into each article's text."
)


def _date(manifest: dict) -> str:
    return manifest["created_at"][:10]


def _rights(manifest: dict) -> str:
    return " ".join(f"{t['what'][0].upper()}{t['what'][1:]}." for t in terms(manifest["text"]["included"]))


def citation_cff(manifest: dict) -> str:
    """CITATION.cff (Citation File Format 1.2.0) of the dataset release."""
    cff = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it as below.",
        "type": "dataset",
        "title": f"{TITLE} (dataset {manifest['version']})",
        "version": manifest["version"],
        "date-released": _date(manifest),
        "authors": CREATORS,
        "abstract": ABSTRACT,
        "keywords": KEYWORDS,
        "license": ANNOTATIONS["name"],
        "license-url": ANNOTATIONS["path"],
        "notes": _rights(manifest),
        "references": [
            {
                "type": "software",
                "title": "newsclaims",
                "version": manifest["code"]["version"],
                "authors": CREATORS,
            }
        ],
    }
    if manifest["code"].get("git_commit"):
        cff["commit"] = manifest["code"]["git_commit"]
    return yaml.safe_dump(cff, sort_keys=False, allow_unicode=True, width=100)


def zenodo(manifest: dict) -> dict:
    """Zenodo deposit metadata (`.zenodo.json` in a repository, or the deposit API's `metadata`)."""
    return {
        "upload_type": "dataset",
        "title": f"{TITLE} (dataset {manifest['version']})",
        "version": manifest["version"],
        "publication_date": _date(manifest),
        "creators": CREATORS,
        "description": f"<p>{ABSTRACT}</p><p>{_rights(manifest)}</p>",
        "license": HUB_LICENCE[False],  # Zenodo's licence is the record's: the annotations'
        "access_right": "open",
        "keywords": KEYWORDS,
        "language": "eng",
        "notes": _rights(manifest),
    }


def datacite(manifest: dict) -> dict:
    """DataCite Metadata Schema 4 attributes (the REST API's `data.attributes`), DOI left to the registrar."""
    rights = [
        {
            "rights": t["licence"]["title"] if t["licence"] else "Not included in this release",
            **({"rightsUri": t["licence"]["path"]} if t["licence"] and t["licence"].get("path") else {}),
            **(
                {"rightsIdentifier": t["licence"]["name"].lower(), "rightsIdentifierScheme": "SPDX"}
                if t["licence"] is ANNOTATIONS
                else {}
            ),
        }
        for t in terms(manifest["text"]["included"])
    ]
    rows = {name: spec["rows"] for name, spec in manifest["tables"].items()}
    return {
        "types": {"resourceTypeGeneral": "Dataset", "resourceType": "Annotated news articles"},
        "titles": [{"title": f"{TITLE} (dataset {manifest['version']})"}],
        "creators": [{"name": c["name"], "nameType": "Organizational"} for c in CREATORS],
        "publisher": {"name": "newsclaims"},
        "publicationYear": int(_date(manifest)[:4]),
        "dates": [{"date": _date(manifest), "dateType": "Issued"}],
        "version": manifest["version"],
        "language": "en",
        "subjects": [{"subject": k} for k in KEYWORDS],
        "descriptions": [
            {"description": ABSTRACT, "descriptionType": "Abstract"},
            {"description": _rights(manifest), "descriptionType": "Other"},
        ],
        "rightsList": rights,
        "formats": ["application/vnd.apache.parquet"],
        "sizes": [f"{n} {name} rows" for name, n in rows.items()],
        "schemaVersion": "http://datacite.org/schema/kernel-4",
    }
