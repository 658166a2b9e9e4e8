/* builtin.c — the built-in forecast data sets, as CSV text in the published layout so that
 * they go through the same reader (and its checks) as a user's file. Each one states where
 * its numbers come from; docs/forecast.md repeats the sources.
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

/* Six-party talks, 2018-2019: the modeller's reading of the seed articles (shared/seeds/000:
 * May 2018, 004: 16 August 2019) and of the M7 games, stated per number. */
static const char six_party_csv[] =
    "# Six-party talks on North Korea, 2018-2019 (brink's built-in forecast; docs/forecast.md).\n"
    "# denuclearisation: 0 = the DPRK keeps its arsenal, 100 = complete verified\n"
    "#   denuclearisation. Positions are the ideal points of the M7 six-party game\n"
    "#   (scenarios/m7b-six-party-talks.yaml) so the two models answer the same question.\n"
    "# sanctions relief: 0 = no relief before full denuclearisation, 100 = relief now.\n"
    "# Reasons (seed 000 = May 2018 article, 004 = August 2019 article):\n"
    "#  US    100/0.8, 15/0.6: wants full denuclearisation, no concessions 'so badly' needed\n"
    "#        (000); its playbook demands capitulation before sanctions come off (004).\n"
    "#  DPRK  10/1.0, 100/0.9: the arsenal guards the regime against overthrow (004: Iraq,\n"
    "#        Libya); wants sanctions lifted and recognition (000).\n"
    "#  ROK   45/0.9, 60/0.7: patient, gradual steps, peace before denuclearisation; faces\n"
    "#        devastation itself, so the issue matters most to it after the DPRK (004).\n"
    "#  China 30/0.6, 75/0.6: host of the talks, stability first (M7 game); sanctions easing\n"
    "#        is the modeller's judgment, not from the seeds.\n"
    "#  Japan 90/0.8, 10/0.6: near-complete denuclearisation with missiles; abductees (000).\n"
    "#  Russia 35/0.4, 80/0.5: a freeze and eased sanctions (M7 game; modeller's judgment).\n"
    "# Capabilities: the modeller's relative weights of influence on the talks (US 1.0).\n"
    "actor,capability,denuclearisation position,denuclearisation salience,"
    "sanctions relief position,sanctions relief salience\n"
    "US,1.0,100,0.8,15,0.6\n"
    "DPRK,0.25,10,1.0,100,0.9\n"
    "ROK,0.4,45,0.9,60,0.7\n"
    "China,0.7,30,0.6,75,0.6\n"
    "Japan,0.4,90,0.8,10,0.6\n"
    "Russia,0.3,35,0.4,80,0.5\n";

static const struct {
    const char *name, *csv;
} builtins[] = {{"emu", emu_csv}, {"six-party", six_party_csv}};

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
