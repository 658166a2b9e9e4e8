/* builtin.c — the built-in forecast data sets given as CSV, in the published layout so that
 * they go through the same reader (and its checks) as a user's file; each states where its
 * numbers come from (docs/forecast.md repeats the sources). Forecasts that belong to a
 * negotiation live in its scenario's `forecast:` section instead (the six-party talks:
 * scenarios/m7b-six-party-talks.yaml).
 */
#include <string.h>

#include "brink/forecast.h"

/* Scholz, Calbert & Smith (2011), Table 1 (the EMU example they take from Bueno de Mesquita
 * 1994, "Political forecasting: an expected utility method", in Bueno de Mesquita & Stokman
 * (eds.), European Community Decision Making). Saliences are percent in the table. */
static const char emu_csv[] =
    "# EMU example: Scholz, Calbert & Smith (2011), Table 1, after Bueno de Mesquita (1994).\n"
    "# Positions run from 4 to 10 on the issue's own scale; the utilities' distances are taken\n"
    "# over that range (docs/forecast.md, 'Scale').\n"
    "#scale 4 10\n"
    "actor,capability,position,salience\n"
    "Netherlands,0.08,4,80\n"
    "Belgium,0.08,7,40\n"
    "Luxembourg,0.03,4,20\n"
    "Germany,0.16,4,80\n"
    "France,0.16,10,60\n"
    "Italy,0.16,10,60\n"
    "UK,0.16,10,90\n"
    "Ireland,0.05,7,10\n"
    "Denmark,0.05,4,100\n"
    "Greece,0.08,7,70\n";

static const struct {
    const char *name, *csv;
} builtins[] = {{"emu", emu_csv}};

const char *brink_forecast_builtin(const char *name)
{
    for (size_t i = 0; name && i < sizeof builtins / sizeof builtins[0]; i++)
        if (!strcmp(name, builtins[i].name)) return builtins[i].csv;
    return NULL;
}

const char *brink_forecast_builtin_name(int i)
{
    return i >= 0 && (size_t)i < sizeof builtins / sizeof builtins[0] ? builtins[i].name : NULL;
}
