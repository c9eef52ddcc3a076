"""`croissant.json`: the release in MLCommons Croissant 1.0, the metadata data tracks ask for and
the big hubs generate, derived from the Data Package so both describe the same tables.

One FileSet per table (its `<table>/*.parquet` parts) and one RecordSet per table with a Field
per column. Release files are listed by glob, not by checksum: `manifest.json` holds every
file's sha256, and croissant.json is one of those files.
"""

from __future__ import annotations

from .citation import CREATORS, TITLE
from .licences import terms

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
PARQUET = "application/x-parquet"
# Data Package field types → Croissant data types.
DATA_TYPES = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "boolean": "sc:Boolean",
    "date": "sc:Date",
    "datetime": "sc:DateTime",
    "any": "sc:Text",
}

CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}


def croissant(manifest: dict, descriptor: dict) -> dict:
    """The Croissant JSON-LD of a release, from its manifest and `datapackage.json` descriptor."""
    version = manifest["version"]
    parts = terms(manifest["text"]["included"])
    licences = [t["licence"]["path"] for t in parts if t["licence"] and t["licence"].get("path")]
    licences += [t["licence"]["title"] for t in parts if t["licence"] and not t["licence"].get("path")]
    distribution, record_sets = [], []
    for resource in descriptor["resources"]:
        name = resource["name"]
        distribution.append(
            {
                "@type": "cr:FileSet",
                "@id": f"{name}-files",
                "name": f"{name}-files",
                "description": f"The Parquet parts of {name}.",
                "encodingFormat": PARQUET,
                "includes": f"{name}/*.parquet",
            }
        )
        fields = []
        for f in resource["schema"]["fields"]:
            field = {
                "@type": "cr:Field",
                "@id": f"{name}/{f['name']}",
                "name": f["name"],
                "description": f["description"],
                "dataType": DATA_TYPES[f["type"]],
                "source": {"fileSet": {"@id": f"{name}-files"}, "extract": {"column": f["name"]}},
            }
            if f["type"] == "any":  # a list of strings (actors.aliases)
                field["repeated"] = True
            fields.append(field)
        record_set = {
            "@type": "cr:RecordSet",
            "@id": name,
            "name": name,
            "description": resource["description"],
            "field": fields,
        }
        key = resource["schema"]["primaryKey"]
        record_set["key"] = [{"@id": f"{name}/{k}"} for k in key] if len(key) > 1 else {"@id": f"{name}/{key[0]}"}
        record_sets.append(record_set)
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": f"newsclaims-{version}",
        "description": descriptor["description"],
        "conformsTo": CONFORMS_TO,
        "version": version,
        "datePublished": manifest["created_at"][:10],
        "license": licences,
        "creator": [{"@type": "sc:Organization", "name": c["name"]} for c in CREATORS],
        "keywords": descriptor["keywords"],
        "citeAs": f"{CREATORS[0]['name']}. {TITLE} (dataset {version}), {manifest['created_at'][:4]}.",
        "inLanguage": "en",
        "distribution": distribution,
        "recordSet": record_sets,
    }
