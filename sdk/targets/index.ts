/** The targets: one folder each behind one registry, and the pieces they share. */
export * from "./awsNetworkFirewall";
export * from "./azureFirewall";
export * from "./capabilities";
export * from "./cidr";
export * from "./coverage";
export * from "./naming";
export * from "./nsg";
export * from "./options";
export * from "./registry";
export * from "./sources";
export * from "./spec";
