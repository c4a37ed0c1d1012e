//! Generated protobuf and gRPC code for every rectify contract.

/// Encoded `FileDescriptorSet` of all rectify protos, for gRPC reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/rectify_descriptor.bin"));

pub mod common {
    pub mod v1 {
        tonic::include_proto!("rectify.common.v1");
    }
}

pub mod feed {
    pub mod v1 {
        tonic::include_proto!("rectify.feed.v1");
    }
}

pub mod registry {
    pub mod v1 {
        tonic::include_proto!("rectify.registry.v1");
    }
}

pub mod workitems {
    pub mod v1 {
        tonic::include_proto!("rectify.workitems.v1");
    }
}

pub mod utilities {
    pub mod v1 {
        tonic::include_proto!("rectify.utilities.v1");
    }
}
