/* brink/brink.h — everything public. */
#ifndef BRINK_BRINK_H
#define BRINK_BRINK_H

#define BRINK_VERSION_MAJOR 0
#define BRINK_VERSION_MINOR 1
#define BRINK_VERSION_PATCH 0
#define BRINK_VERSION_STRING "0.1.0"

#include "error.h"
#include "core.h"
#include "nfg.h"
#include "efg.h"
#include "game.h"
#include "evaluate.h"
#include "solve.h"
#include "io.h"
#include "scenario.h"
#include "analysis.h"
#include "generate.h"
#include "ffi.h"
#include "cfr.h"
#include "threshold.h"
#include "uncertainty.h"
#include "negotiate.h"
#include "report.h"
#include "forecast.h"

#endif
