/** The hub this web app serves (its slug in the API); one deployment per hub for now. */
export const HUB: string = import.meta.env.VITE_HUB ?? 'genk';
