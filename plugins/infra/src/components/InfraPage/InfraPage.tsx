import { Route, Routes } from 'react-router-dom';
import { MyInfrastructurePage } from '../MyInfrastructure';
import { RequestPage } from '../RequestPage';

/** The infra pages: "My infrastructure" and a request's page. */
export const InfraPage = () => (
  <Routes>
    <Route path="/" element={<MyInfrastructurePage />} />
    <Route path="/requests/:id" element={<RequestPage />} />
  </Routes>
);
