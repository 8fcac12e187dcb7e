// Only the declaration in include/FuzzerDriver.h matters; SwiftPM wants a source file per C target.
#include "FuzzerDriver.h"
