import { crossLayerSuite } from "./lib/cross-layer-suite.ts";

crossLayerSuite("staging");
