import React from 'react';
import ForgeReconciler from '@forge/react';
import { PreferencesPage } from './PreferencesPage';

ForgeReconciler.render(
  <React.StrictMode>
    <PreferencesPage />
  </React.StrictMode>,
);
