import React from 'react';
import ForgeReconciler from '@forge/react';
import { AdminPage } from './AdminPage';

ForgeReconciler.render(
  <React.StrictMode>
    <AdminPage />
  </React.StrictMode>,
);
