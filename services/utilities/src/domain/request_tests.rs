//! Every bad input the utilities service refuses, request by request.

mod cuts;
mod records;
mod reports;
mod support;
