import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies.ts";

// `pulumi preview --policy-pack policy` (from pulumi/) runs these against the stack before anything changes.
new PolicyPack("minecraft-edge", { policies: POLICIES });
