// Types of delivery-tracker-widget (the main entry: importing it defines <delivery-tracker>).
export * from "./element.js";
