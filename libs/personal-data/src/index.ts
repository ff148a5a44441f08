export * from './contact-vault';
export * from './sqlite-contact-vault';
