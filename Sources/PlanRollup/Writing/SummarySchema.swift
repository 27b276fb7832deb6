/// The JSON Schema of `summary.json`, shipped with every run. It is the same text as
/// docs/summary.schema.json; a test keeps the two equal.
public enum SummarySchema {
    public static let text = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://plan-rollup.local/summary.schema.json",
  "title": "plan-rollup summary.json",
  "description": "Figures of one plan-rollup run. Money in baht with satang as exact decimals; percentages to two decimals.",
  "type": "object",
  "required": [
    "agencies",
    "as_of",
    "as_of_th",
    "bureaus",
    "fiscal_year",
    "fiscal_year_end",
    "fiscal_year_start",
    "issues",
    "kpi",
    "measures",
    "months",
    "notices",
    "projects",
    "quarters",
    "rejects",
    "round",
    "schema_version",
    "totals"
  ],
  "properties": {
    "schema_version": {
      "const": "1.0"
    },
    "fiscal_year": {
      "type": "integer",
      "minimum": 2400
    },
    "fiscal_year_start": {
      "type": "string",
      "format": "date"
    },
    "fiscal_year_end": {
      "type": "string",
      "format": "date"
    },
    "as_of": {
      "type": "string",
      "format": "date",
      "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    },
    "as_of_th": {
      "type": "string"
    },
    "round": {
      "enum": [
        6,
        9,
        12,
        null
      ]
    },
    "totals": {
      "$ref": "#/$defs/group"
    },
    "agencies": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/group"
      }
    },
    "issues": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/group"
      }
    },
    "measures": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/group"
      }
    },
    "bureaus": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/group"
      }
    },
    "months": {
      "type": "array",
      "minItems": 12,
      "maxItems": 12,
      "items": {
        "$ref": "#/$defs/period"
      }
    },
    "quarters": {
      "type": "array",
      "minItems": 4,
      "maxItems": 4,
      "items": {
        "$ref": "#/$defs/period"
      }
    },
    "projects": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/project"
      }
    },
    "kpi": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/kpi"
      }
    },
    "rejects": {
      "type": "object",
      "additionalProperties": {
        "type": "integer",
        "minimum": 0
      }
    },
    "notices": {
      "type": "object",
      "additionalProperties": {
        "type": "integer",
        "minimum": 0
      }
    }
  },
  "additionalProperties": false,
  "$defs": {
    "group": {
      "type": "object",
      "required": [
        "activities_actual",
        "activities_planned_to_date",
        "activities_planned_year",
        "agency",
        "budget_baht",
        "budget_planned_to_date_baht",
        "issue",
        "measure",
        "name",
        "overall_result_pct",
        "participants_actual",
        "participants_planned_to_date",
        "participants_planned_year",
        "projects",
        "projects_cancelled",
        "projects_completed",
        "projects_counted",
        "projects_in_progress",
        "projects_not_started",
        "reporting",
        "rows_accepted",
        "spent_baht"
      ],
      "properties": {
        "name": {
          "type": "string"
        },
        "agency": {
          "type": "string"
        },
        "issue": {
          "type": [
            "integer",
            "null"
          ]
        },
        "measure": {
          "type": [
            "integer",
            "null"
          ]
        },
        "projects": {
          "type": "integer",
          "minimum": 0
        },
        "projects_counted": {
          "type": "integer",
          "minimum": 0
        },
        "activities_planned_year": {
          "type": "integer",
          "minimum": 0
        },
        "activities_planned_to_date": {
          "type": "integer",
          "minimum": 0
        },
        "participants_planned_year": {
          "type": "integer",
          "minimum": 0
        },
        "participants_planned_to_date": {
          "type": "integer",
          "minimum": 0
        },
        "budget_baht": {
          "type": "number",
          "multipleOf": 0.01
        },
        "budget_planned_to_date_baht": {
          "type": "number",
          "multipleOf": 0.01
        },
        "rows_accepted": {
          "type": [
            "integer",
            "null"
          ],
          "minimum": 0
        },
        "activities_actual": {
          "type": [
            "integer",
            "null"
          ],
          "minimum": 0
        },
        "participants_actual": {
          "type": [
            "integer",
            "null"
          ],
          "minimum": 0
        },
        "spent_baht": {
          "type": [
            "number",
            "null"
          ]
        },
        "projects_completed": {
          "type": "integer",
          "minimum": 0
        },
        "projects_in_progress": {
          "type": "integer",
          "minimum": 0
        },
        "projects_not_started": {
          "type": "integer",
          "minimum": 0
        },
        "projects_cancelled": {
          "type": "integer",
          "minimum": 0
        },
        "overall_result_pct": {
          "type": [
            "number",
            "null"
          ]
        },
        "reporting": {
          "enum": [
            "fresh",
            "stale",
            "missing",
            null
          ]
        }
      },
      "additionalProperties": false
    },
    "period": {
      "type": "object",
      "required": [
        "activities_actual",
        "activities_planned",
        "budget_planned_baht",
        "participants_actual",
        "participants_planned",
        "period",
        "quarter",
        "rows_accepted",
        "spent_baht"
      ],
      "properties": {
        "period": {
          "type": "string"
        },
        "quarter": {
          "type": "integer",
          "minimum": 1,
          "maximum": 4
        },
        "activities_planned": {
          "type": "integer",
          "minimum": 0
        },
        "participants_planned": {
          "type": "integer",
          "minimum": 0
        },
        "budget_planned_baht": {
          "type": "number",
          "multipleOf": 0.01
        },
        "rows_accepted": {
          "type": "integer",
          "minimum": 0
        },
        "activities_actual": {
          "type": "integer",
          "minimum": 0
        },
        "participants_actual": {
          "type": "integer",
          "minimum": 0
        },
        "spent_baht": {
          "type": "number"
        }
      },
      "additionalProperties": false
    },
    "project": {
      "type": "object",
      "required": [
        "activities_actual",
        "activities_planned_to_date",
        "activities_planned_year",
        "activities_with_subprojects",
        "agency",
        "budget_baht",
        "budget_planned_to_date_baht",
        "budget_source",
        "budget_used_pct",
        "bureau",
        "counted",
        "links",
        "over_budget",
        "pace",
        "parent_id",
        "participants_actual",
        "participants_planned_to_date",
        "participants_planned_year",
        "participants_with_subprojects",
        "project",
        "project_id",
        "result_pct",
        "result_pct_reported",
        "rows_accepted",
        "spent_baht",
        "spent_with_subprojects_baht",
        "status",
        "status_source",
        "target_pct"
      ],
      "properties": {
        "project_id": {
          "type": "string",
          "minLength": 1
        },
        "parent_id": {
          "type": [
            "string",
            "null"
          ]
        },
        "agency": {
          "type": "string"
        },
        "links": {
          "type": "array",
          "minItems": 1,
          "items": {
            "type": "object",
            "required": [
              "issue",
              "measure"
            ],
            "properties": {
              "issue": {
                "type": "integer"
              },
              "measure": {
                "type": "integer"
              }
            },
            "additionalProperties": false
          }
        },
        "project": {
          "type": "string"
        },
        "bureau": {
          "type": "string"
        },
        "status": {
          "enum": [
            "completed",
            "in_progress",
            "not_started",
            "cancelled"
          ]
        },
        "status_source": {
          "enum": [
            "reported",
            "derived"
          ]
        },
        "pace": {
          "enum": [
            "on_track",
            "behind",
            "not_due"
          ]
        },
        "counted": {
          "type": "boolean"
        },
        "activities_planned_year": {
          "type": "integer",
          "minimum": 0
        },
        "activities_planned_to_date": {
          "type": "integer",
          "minimum": 0
        },
        "participants_planned_year": {
          "type": [
            "integer",
            "null"
          ]
        },
        "participants_planned_to_date": {
          "type": "integer",
          "minimum": 0
        },
        "budget_baht": {
          "type": [
            "number",
            "null"
          ],
          "multipleOf": 0.01
        },
        "budget_source": {
          "type": [
            "string",
            "null"
          ]
        },
        "budget_planned_to_date_baht": {
          "type": "number",
          "multipleOf": 0.01
        },
        "budget_used_pct": {
          "type": [
            "number",
            "null"
          ]
        },
        "over_budget": {
          "type": "boolean"
        },
        "target_pct": {
          "type": [
            "number",
            "null"
          ]
        },
        "result_pct_reported": {
          "type": [
            "number",
            "null"
          ]
        },
        "result_pct": {
          "type": [
            "number",
            "null"
          ]
        },
        "rows_accepted": {
          "type": "integer",
          "minimum": 0
        },
        "activities_actual": {
          "type": "integer",
          "minimum": 0
        },
        "participants_actual": {
          "type": "integer",
          "minimum": 0
        },
        "spent_baht": {
          "type": "number"
        },
        "activities_with_subprojects": {
          "type": "integer",
          "minimum": 0
        },
        "participants_with_subprojects": {
          "type": "integer",
          "minimum": 0
        },
        "spent_with_subprojects_baht": {
          "type": "number"
        }
      },
      "additionalProperties": false
    },
    "kpi": {
      "type": "object",
      "required": [
        "agency",
        "carried_out_pct",
        "level_2",
        "level_2_awareness_pct",
        "level_2_score",
        "level_3_met",
        "level_4_met",
        "level_5",
        "level_5_opinion_pct",
        "level_5_score"
      ],
      "properties": {
        "agency": {
          "type": "string"
        },
        "level_2_awareness_pct": {
          "type": [
            "number",
            "null"
          ]
        },
        "level_2_score": {
          "type": [
            "number",
            "null"
          ]
        },
        "level_2": {
          "enum": [
            "assessed",
            "not_assessed"
          ]
        },
        "carried_out_pct": {
          "type": [
            "number",
            "null"
          ]
        },
        "level_3_met": {
          "type": "boolean"
        },
        "level_4_met": {
          "type": "boolean"
        },
        "level_5_opinion_pct": {
          "type": [
            "number",
            "null"
          ]
        },
        "level_5_score": {
          "type": [
            "number",
            "null"
          ]
        },
        "level_5": {
          "enum": [
            "assessed",
            "not_assessed"
          ]
        }
      },
      "additionalProperties": false
    }
  }
}
"""# + "\n"
}
